"""Registrations for organizers: find, filter, and change status through the services.

Status, mode and sub-forums are read-only here: every change of those goes through
`attendees.services` (the actions below, or the attendee's own page), so places and the
waitlist stay right. Passport data is shown only to staff with "Can view passport data", in
the form and in exports. The filtered list can be exported (CSV, XLSX), emailed, and counted
on the statistics page. Every change is kept in the history (without passport data); a revert
restores the attendee's details only (common/admin/history.py, docs/operations.md).
"""

from django.contrib import admin
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX

from common.admin.actions import apply_to_each
from common.admin.exports import FilteredExportMixin
from common.admin.history import HistoryAdmin

from .. import services
from ..exports import RegistrationExportForm, RegistrationResource, RegistrationWithPassportResource
from ..models import Registration, RegistrationSettings
from ..models.registration_fields import BY_NAME, Use, admin_fieldsets, names
from . import bulk_email, statistics
from .documents import DocumentActions, IssuedDocumentInline

PASSPORT_FIELDS = names(Use.PASSPORT)


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(HistoryAdmin):
    list_display = ["edition", "online_capacity", "requires_approval"]
    list_select_related = ["edition"]
    autocomplete_fields = ["edition"]


class CheckedInFilter(admin.SimpleListFilter):
    title = _("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(checked_in_at__isnull=self.value() == "no")
        return queryset


@admin.register(Registration)
class RegistrationAdmin(DocumentActions, FilteredExportMixin, ExportActionMixin, HistoryAdmin):
    # Fits a 1280 px screen: the organization and category are in the form, filters and export.
    list_display = [
        "name",
        "email",
        "edition",
        "status",
        "mode",
        "country",
        "registered_on",
        "checked_in_time",
    ]
    list_filter = [
        "edition",
        "status",
        "mode",
        "category",
        "role",
        ("country", CountryFilter),
        "organization_type",
        "sub_forums",
        CheckedInFilter,
        "needs_visa_letter",
    ]
    list_select_related = ["edition"]
    search_fields = ["name", "name_original", "email", "organization", "ticket_code"]
    date_hierarchy = "created_at"
    actions = [
        "approve",
        "reject",
        "resend_link",
        "check_in",
        "cancel",
        "send_email",
        "issue_visa_letters",
        "print_certificates",
        "print_badges",
    ]
    inlines = [IssuedDocumentInline]
    # The "Export" and "Statistics" buttons above the list.
    import_export_change_list_template = "admin/attendees/registration_change_list.html"
    export_formats = [CSV, XLSX]
    export_form_class = RegistrationExportForm
    # With a byte order mark, so that spreadsheet programs read the Chinese text as UTF-8.
    to_encoding = "utf-8-sig"
    show_change_form_export = False
    # Deleting a registration erases it, history included (attendees.models.Registration).
    recover_deleted = False
    # Which fields organizers edit, which they read, and where: `registration_fields`.
    fieldsets = admin_fieldsets()
    readonly_fields = [
        name
        for _title, options in fieldsets
        for name in options["fields"]
        if Use.ORGANIZER_EDITABLE not in BY_NAME[name].uses
    ]

    @admin.display(description=_("registered"), ordering="created_at")
    def registered_on(self, obj):
        return timezone.localtime(obj.created_at, obj.edition.tzinfo).date()

    @admin.display(description=_("checked in"), ordering="checked_in_at")
    def checked_in_time(self, obj):
        # The time the desk let the attendee in, on the edition's clock (empty: not yet).
        if obj.checked_in_at is None:
            return None
        return timezone.localtime(obj.checked_in_at, obj.edition.tzinfo).strftime("%Y-%m-%d %H:%M")

    def _may_see_passports(self, request) -> bool:
        return request.user.has_perm("attendees.view_passport_data")

    def get_fieldsets(self, request, obj=None):
        if self._may_see_passports(request):
            return self.fieldsets
        return [
            (
                title,
                {**options, "fields": [f for f in options["fields"] if f not in PASSPORT_FIELDS]},
            )
            for title, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.readonly_fields)
        if not self._may_see_passports(request):
            # Asking for a letter needs passport data this user may not enter.
            readonly.append("needs_visa_letter")
        # What a valid visa letter prints stays as printed: revoke the letter to change it.
        printed = services.printed_fields(obj) if obj else ()
        return readonly + [name for name in printed if name not in readonly]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # What verification shows of valid certificates (the initials) follows the name.
        if {"name", "name_original"} & set(form.changed_data):
            services.refresh_initials(obj)

    def has_add_permission(self, request):
        # People register themselves, so that their consent and email are confirmed.
        return False

    def get_urls(self):
        statistics_url = path(
            "statistics/",
            self.admin_site.admin_view(self.statistics_view),
            name="attendees_registration_statistics",
        )
        return [statistics_url, *super().get_urls()]

    def statistics_view(self, request):
        return statistics.statistics_view(self, request)

    def has_statistics_permission(self, request) -> bool:
        return request.user.has_perm("attendees.view_statistics")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_statistics_permission": self.has_statistics_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def has_export_permission(self, request):
        # Exporting is reading in bulk: it needs the right to read the list as well.
        return self.has_view_permission(request) and super().has_export_permission(request)

    def get_export_resource_classes(self, request):
        if self._may_see_passports(request):
            return [RegistrationWithPassportResource]
        return [RegistrationResource]

    def get_export_filename(self, request, queryset, file_format):
        date = timezone.localdate().isoformat()
        return f"registrations-{date}.{file_format.get_extension()}"

    def delete_model(self, request, obj):
        services.delete_registration(registration=obj)

    def delete_queryset(self, request, queryset):
        for registration in queryset:
            services.delete_registration(registration=registration)

    def _apply(self, request, queryset, change, done_message):
        apply_to_each(
            self,
            request,
            queryset.select_related("edition"),
            change,
            done_message,
            refusal=services.RegistrationError,
            label=lambda registration: registration.name,
        )

    @admin.action(description=_("Approve the selected registrations"), permissions=["change"])
    def approve(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda r: services.approve(registration=r, by=request.user),
            lambda n: ngettext("%d registration approved.", "%d registrations approved.", n) % n,
        )

    @admin.action(description=_("Reject the selected registrations"), permissions=["change"])
    def reject(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda r: services.reject(registration=r, by=request.user),
            lambda n: ngettext("%d registration rejected.", "%d registrations rejected.", n) % n,
        )

    @admin.action(description=_("Email the attendees their link again"), permissions=["change"])
    def resend_link(self, request, queryset):
        self._apply(
            request,
            queryset.active(),
            lambda r: services.resend_link(registration=r),
            lambda n: ngettext("%d link sent.", "%d links sent.", n) % n,
        )

    @admin.action(description=_("Check the selected attendees in"), permissions=["check_in"])
    def check_in(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda r: services.check_in(registration=r, by=request.user),
            lambda n: (
                ngettext(
                    "%d attendee checked in (or already was).",
                    "%d attendees checked in (or already were).",
                    n,
                )
                % n
            ),
        )

    def has_check_in_permission(self, request):
        return request.user.has_perm("attendees.can_check_in")

    @admin.action(
        description=_("Send an email to the selected registrations"), permissions=["send_email"]
    )
    def send_email(self, request, queryset):
        return bulk_email.compose(self, request, queryset)

    def has_send_email_permission(self, request):
        return request.user.has_perm("attendees.add_bulkemail")

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda r: services.cancel(registration=r),
            lambda n: ngettext("%d registration cancelled.", "%d registrations cancelled.", n) % n,
        )
