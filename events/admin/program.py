"""Rooms, sub-forums and sessions."""

import datetime
import functools
import operator
import zoneinfo
from contextlib import nullcontext

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin.history import HistoryAdmin
from events.models import Edition, Room, Session, SessionLink, SessionSpeaker, SubForum
from events.models.edition import conference_day

from .edition_clock import zone_hint
from .rich_text import RichTextAdminMixin
from .rooms import RoomAutocompleteView, RoomChoicesMixin, RoomListFilter
from .sub_forum_sessions import SessionInline, SubForumSessionsMixin


@admin.register(Room)
class RoomAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "edition", "building", "capacity"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["name_en", "name_zh_hans", "building_en", "building_zh_hans"]
    autocomplete_fields = ["edition"]
    fieldsets = [
        (None, {"fields": ["edition", "name", "building", "capacity"]}),
        (_("Directions"), {"classes": ["collapse"], "fields": ["directions"]}),
    ]

    def get_urls(self):
        # Room choices elsewhere in the admin ask here, for rooms named with their year.
        autocomplete = RoomAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "autocomplete/",
                self.admin_site.admin_view(autocomplete),
                name="events_room_autocomplete",
            ),
            *super().get_urls(),
        ]


@admin.register(SubForum)
class SubForumAdmin(
    RoomChoicesMixin, SubForumSessionsMixin, RichTextAdminMixin, HistoryAdmin, TranslationAdmin
):
    rich_text_fields = ("description",)
    list_display = ["title", "edition", "host", "room", "capacity", "order"]
    list_filter = ["edition"]
    list_select_related = ["edition", "host", "room"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    autocomplete_fields = ["edition", "host", "room", "chairs"]
    filter_horizontal = ["topics"]
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [SessionInline]
    fieldsets = [
        (None, {"fields": ["edition", "title", "slug", "description", "order"]}),
        (_("Who and where"), {"fields": ["host", "chairs", "topics", "room", "capacity"]}),
        (
            _("Private: online meeting"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Never shown on public pages; only confirmed online attendees receive it."
                ),
                "fields": ["online_meeting_url"],
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "topics":
            # Focus fields of every edition share one list: name the edition beside each.
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.queryset = field.queryset.select_related("edition")
            field.label_from_instance = lambda topic: f"{topic.title} ({topic.edition})"
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SessionDayFilter(admin.SimpleListFilter):
    """The conference days sessions start on, as the clock and day change of their edition
    read them."""

    title = _("day")
    parameter_name = "day"
    edition_parameter = "edition__id__exact"

    def lookups(self, request, model_admin):
        sessions = Session.objects.all()
        edition_id = request.GET.get(self.edition_parameter, "")
        if edition_id.isdigit():
            sessions = sessions.filter(edition_id=edition_id)
        rows = sessions.order_by().values_list("start", "edition__time_zone", "edition__day_change")
        days = sorted(
            {
                conference_day(start, zoneinfo.ZoneInfo(tz), change)
                for start, tz, change in rows.distinct()
            }
        )
        return [(day.isoformat(), date_format(day)) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = datetime.date.fromisoformat(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        # Editions may keep different clocks and day changes: one day-range for each in use.
        clocks = queryset.order_by().values_list("edition__time_zone", "edition__day_change")
        return functools.reduce(
            operator.or_,
            (
                queryset.filter(edition__time_zone=name, edition__day_change=change).on_clock_day(
                    day, zoneinfo.ZoneInfo(name), change
                )
                for name, change in clocks.distinct()
            ),
            queryset.none(),
        )


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    fields = ["speaker", "order"]
    autocomplete_fields = ["speaker"]
    verbose_name = _("speaker")
    verbose_name_plural = _("speakers, in the order they are listed")
    extra = 1


class SessionLinkInline(TranslationTabularInline):
    model = SessionLink
    fields = ["kind", "title", "url", "order"]
    formfield_overrides = HistoryAdmin.formfield_overrides
    verbose_name = _("link or attachment")
    verbose_name_plural = _("links and attachments, in the order they are listed")
    extra = 0


@admin.register(Session)
class SessionAdmin(RoomChoicesMixin, HistoryAdmin, TranslationAdmin):
    list_display = ["title", "local_time", "edition", "sub_forum", "room", "kind", "speaker_names"]
    list_filter = [
        SessionDayFilter,
        ("sub_forum", admin.RelatedOnlyFieldListFilter),
        ("room", RoomListFilter),
        "kind",
        "is_featured",
        "language",
        "delivery",
        "edition",
    ]
    list_select_related = ["edition", "sub_forum", "room"]
    search_fields = ["title_en", "title_zh_hans", "speakers__name", "speakers__name_original"]
    date_hierarchy = "start"
    autocomplete_fields = ["edition", "sub_forum", "room"]
    inlines = [SessionSpeakerInline, SessionLinkInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "edition",
                    "sub_forum",
                    "kind",
                    "kind_name",
                    "title",
                    "subtitle",
                    "abstract",
                    "description",
                    "is_featured",
                ]
            },
        ),
        (_("Language"), {"fields": ["language", "interpretation_language"]}),
        (
            _("Time and place"),
            {
                "description": _("Times are in the edition's time zone."),
                "fields": ["start", "end", "room", "delivery"],
            },
        ),
        (
            _("Livestream and replay"),
            {
                "classes": ["collapse"],
                "fields": ["livestream_url", "replay_url", "link_visibility"],
            },
        ),
        (_("Demo data"), {"classes": ["collapse"], "fields": ["is_sample"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        # The hint names the zone of the edition the form is on (the same one its times use).
        edition = self._edition_of_form(request, obj.pk if obj else None)
        return [
            (title, {**options, "description": zone_hint(edition)})
            if "start" in options["fields"]
            else (title, options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_queryset(self, request):
        # The changelist skips list_select_related once the queryset has its own joins.
        return super().get_queryset(request).with_listing_data().select_related("edition")

    @admin.display(description=_("time"), ordering="start")
    def local_time(self, session):
        tz = session.edition.tzinfo
        start = timezone.localtime(session.start, tz)
        end = timezone.localtime(session.end, tz)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @admin.display(description=_("speakers"))
    def speaker_names(self, session):
        return ", ".join(link.speaker.name for link in session.ordered_speakers)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Times are typed and shown on the edition's clock, whatever the server's time zone.
        edition = self._edition_of_form(request, object_id)
        with timezone.override(edition.tzinfo) if edition else nullcontext():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A past version's times too are shown and typed on the edition's clock.
        edition = self._edition_of_form(request, object_id)
        with timezone.override(edition.tzinfo) if edition else nullcontext():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _edition_of_form(self, request, object_id):
        edition_id = request.POST.get("edition") or request.GET.get("edition")
        if not edition_id and str(object_id or "").isdigit():
            edition_id = (
                Session.objects.filter(pk=object_id).values_list("edition_id", flat=True).first()
            )
        if not str(edition_id or "").isdigit():
            return None
        return Edition.objects.filter(pk=edition_id).first()


@admin.register(SessionSpeaker)
class SessionSpeakerAdmin(HistoryAdmin):
    """Who speaks in which session. Edited inline on the session; here for history and recovery."""

    list_display = ["speaker", "session", "order"]
    list_filter = ["session__edition"]
    list_select_related = ["speaker", "session"]
    search_fields = ["speaker__name", "session__title_en", "session__title_zh_hans"]
    autocomplete_fields = ["session", "speaker"]


@admin.register(SessionLink)
class SessionLinkAdmin(HistoryAdmin, TranslationAdmin):
    """A session's links and attachments. Edited inline on the session; here for history and
    recovery."""

    list_display = ["title", "kind", "session", "order"]
    list_filter = ["kind", "session__edition"]
    list_select_related = ["session"]
    search_fields = [
        "title_en",
        "title_zh_hans",
        "url",
        "session__title_en",
        "session__title_zh_hans",
    ]
    autocomplete_fields = ["session"]
