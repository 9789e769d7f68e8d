"""Offers and needs for organizers: the moderation queue, filters, export and history.

Status is read-only here: publishing and rejecting go through `cooperation.services` (the
actions below), which email the attendee. An item organizers enter themselves is published at
once when they may moderate. Every change is kept in the history (common/admin/history.py).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries.filters import CountryFilter
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin

from common.admin.actions import apply_to_each
from common.admin.exports import FilteredExportMixin
from common.admin.history import HistoryAdmin

from .. import services
from ..exports import CooperationItemResource
from ..models import CooperationItem, ItemStatus
from . import statistics


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason, sent to the attendees"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=2000,
    )


@admin.register(CooperationItem)
class CooperationItemAdmin(FilteredExportMixin, ExportActionMixin, HistoryAdmin, TranslationAdmin):
    list_display = [
        "__str__",
        "kind",
        "category",
        "edition",
        "status",
        "organization_name",
        "organization_type",
        "country",
        "created_at",
        "is_sample",
    ]
    list_filter = [
        "status",
        "edition",
        "kind",
        "category",
        "topics",
        "organization_type",
        ("country", CountryFilter),
        "is_sample",
    ]
    list_select_related = ["edition"]
    search_fields = [
        "title_en",
        "title_zh_hans",
        "organization_name",
        "keywords",
        "contact_name",
        "contact_email",
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["owner"]
    filter_horizontal = ["topics"]
    actions = ["publish", "reject"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "created_at",
        "published_at",
        "rejected_at",
        "closed_at",
        "moderated_by",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["edition", "kind", "category", "title", "description", "topics"]}),
        (
            gettext_lazy("Organization"),
            {"fields": ["organization_name", "organization_type", "country", "keywords"]},
        ),
        (
            gettext_lazy("Contact person (never public)"),
            {"fields": ["contact_name", "contact_email", "contact_phone", "owner"]},
        ),
        (
            gettext_lazy("Moderation"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "moderated_by",
                    "created_at",
                    "published_at",
                    "rejected_at",
                    "closed_at",
                    "updated_at",
                ]
            },
        ),
        (
            gettext_lazy("Address and demo"),
            {"classes": ["collapse"], "fields": ["slug", "is_sample"]},
        ),
    ]
    # The "Moderation queue", "Statistics" and "Export" buttons above the list.
    import_export_change_list_template = "admin/cooperation/cooperationitem_change_list.html"
    resource_classes = [CooperationItemResource]
    export_formats = [CSV, XLSX]
    # With a byte order mark, so that spreadsheet programs read the Chinese text as UTF-8.
    to_encoding = "utf-8-sig"
    show_change_form_export = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _("Made from the English title when left empty.")
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = services.unique_slug(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        # What organizers enter themselves needs no second look.
        if not change and item.status == ItemStatus.SUBMITTED and self._may_moderate(request):
            services.publish_item(item=item, by=request.user)

    def _may_moderate(self, request) -> bool:
        return request.user.has_perm("cooperation.moderate_cooperationitem")

    def has_moderate_permission(self, request) -> bool:
        return self._may_moderate(request)

    def get_urls(self):
        statistics_url = path(
            "statistics/",
            self.admin_site.admin_view(self.statistics_view),
            name="cooperation_cooperationitem_statistics",
        )
        return [statistics_url, *super().get_urls()]

    def statistics_view(self, request):
        return statistics.statistics_view(self, request)

    def has_statistics_permission(self, request) -> bool:
        return request.user.has_perm("cooperation.view_cooperation_statistics")

    def changelist_view(self, request, extra_context=None):
        waiting = CooperationItem.objects.awaiting_moderation().count()
        extra_context = {
            **(extra_context or {}),
            "has_statistics_permission": self.has_statistics_permission(request),
            "awaiting_moderation": waiting,
            "queue_status": ItemStatus.SUBMITTED.value,
        }
        return super().changelist_view(request, extra_context)

    def has_export_permission(self, request):
        return self.has_view_permission(request) and super().has_export_permission(request)

    def get_export_filename(self, request, queryset, file_format):
        date = timezone.localdate().isoformat()
        return f"cooperation-items-{date}.{file_format.get_extension()}"

    def _apply(self, request, queryset, change, done_message):
        rows = queryset.select_related("edition", "owner")
        apply_to_each(self, request, rows, change, done_message, refusal=services.CooperationError)

    @admin.action(description=gettext_lazy("Publish the selected items"), permissions=["moderate"])
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda item: services.publish_item(item=item, by=request.user),
            lambda n: ngettext("%d item published.", "%d items published.", n) % n,
        )

    @admin.action(
        description=gettext_lazy("Reject the selected items, with a reason"),
        permissions=["moderate"],
    )
    def reject(self, request, queryset):
        """A page asks for the reason first; the attendees receive it by email."""
        form = RejectForm(request.POST if request.POST.get("post") else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._apply(
                request,
                queryset,
                lambda item: services.reject_item(item=item, reason=reason, by=request.user),
                lambda n: ngettext("%d item rejected.", "%d items rejected.", n) % n,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject the selected items"),
            "opts": self.model._meta,
            "form": form,
            "items": list(queryset),
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cooperation/cooperationitem/reject.html", context)
