"""Meetings for organizers: the sessions they set aside, the requests and the bookings.

Requests change state only through the attendees' own pages (`cooperation.services`); here
they are read, filtered and exported. Sessions are edited freely, except that one with
bookings cannot be deleted (the bookings protect it). Bookings can be marked as held.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin

from common.admin.exports import FilteredExportMixin
from common.admin.history import HistoryAdmin

from .. import services
from ..meetings_export import MeetingRequestResource
from ..models import MeetingBooking, MeetingRequest, MeetingSession


@admin.register(MeetingSession)
class MeetingSessionAdmin(HistoryAdmin, TranslationAdmin):
    list_display = [
        "name",
        "edition",
        "starts_at",
        "ends_at",
        "slot_minutes",
        "tables",
        "online_slots",
        "room_name",
    ]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    fieldsets = [
        (None, {"fields": ["edition", "name", "starts_at", "ends_at", "slot_minutes"]}),
        (gettext_lazy("On site"), {"fields": ["tables", "room_name"]}),
        (gettext_lazy("Online"), {"fields": ["online_slots", "video_link"]}),
    ]


class BookingInline(admin.StackedInline):
    model = MeetingBooking
    fields = ["session", "slot_start", "is_online", "table", "held_at", "held_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MeetingRequest)
class MeetingRequestAdmin(FilteredExportMixin, ExportActionMixin, HistoryAdmin):
    list_display = ["__str__", "item", "requester", "status", "created_at", "answered_at"]
    list_filter = ["status", "item__edition", "item__kind", "item__topics"]
    list_select_related = ["item", "requester"]
    search_fields = ["item__title_en", "item__title_zh_hans", "requester__name", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "item",
        "requester",
        "message",
        "status",
        "created_at",
        "answered_at",
        "cancelled_at",
    ]
    fields = readonly_fields
    inlines = [BookingInline]
    resource_classes = [MeetingRequestResource]
    export_formats = [CSV, XLSX]
    # With a byte order mark, so that spreadsheet programs read the Chinese text as UTF-8.
    to_encoding = "utf-8-sig"

    def has_add_permission(self, request):
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("cooperation.export_meetingrequest")

    def get_export_filename(self, request, queryset, file_format):
        date = timezone.localdate().isoformat()
        return f"meeting-requests-{date}.{file_format.get_extension()}"


@admin.register(MeetingBooking)
class MeetingBookingAdmin(admin.ModelAdmin):
    list_display = ["slot_start", "session", "is_online", "table", "request", "held_at"]
    list_filter = [
        "session__edition",
        "session",
        "is_online",
        ("held_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["session", "request"]
    date_hierarchy = "slot_start"
    readonly_fields = [
        "request",
        "session",
        "slot_start",
        "is_online",
        "table",
        "held_at",
        "held_by",
    ]
    fields = readonly_fields
    actions = ["mark_held"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_mark_held_permission(self, request):
        return request.user.has_perm("cooperation.mark_meeting_held")

    @admin.action(description=gettext_lazy("Mark as held"), permissions=["mark_held"])
    def mark_held(self, request, queryset):
        done = 0
        for booking in queryset:
            services.mark_held(booking=booking, user=request.user)
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d meeting marked as held.", "%(count)d meetings marked as held.", done
            )
            % {"count": done},
            messages.SUCCESS,
        )
