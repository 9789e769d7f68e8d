"""Series, editions, the organizations behind them and their focus fields."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin.history import HistoryAdmin
from events.models import Edition, Organization, OrganizerRole, Series, SubForum, Topic

from . import schedule_import
from .edition_clock import EditionFormClockMixin
from .rich_text import RichTextAdminMixin
from .rooms import RoomChoicesMixin
from .thumbnails import thumbnail_column


@admin.register(Series)
class SeriesAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name_en", "name_zh_hans", "short_name_en", "short_name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}


class OrganizerRoleInline(admin.TabularInline):
    model = OrganizerRole
    fields = ["role", "organization", "order"]
    autocomplete_fields = ["organization"]
    extra = 0


class TopicInline(TranslationTabularInline):
    model = Topic
    fields = ["title", "order"]
    extra = 0


class SubForumInline(RoomChoicesMixin, TranslationTabularInline):
    """A compact list of the sub-forums; the full form is one click away ("Change")."""

    model = SubForum
    fields = ["title", "slug", "room", "order"]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["room"]
    show_change_link = True
    extra = 0


@admin.register(Edition)
class EditionAdmin(EditionFormClockMixin, RichTextAdminMixin, HistoryAdmin, TranslationAdmin):
    rich_text_fields = ("description",)
    list_display = [
        "year",
        "title",
        "series",
        "city",
        "start_date",
        "end_date",
        "mode",
        "is_published",
        "is_current",
    ]
    list_display_links = ["year", "title"]
    list_filter = ["is_published", "is_current", "mode", "series"]
    list_select_related = ["series"]
    search_fields = ["year", "title_en", "title_zh_hans", "short_title_en", "short_title_zh_hans"]
    autocomplete_fields = ["series", "host"]
    inlines = [OrganizerRoleInline, TopicInline, SubForumInline]
    fieldsets = [
        (None, {"fields": ["series", "year", "title", "short_title", "theme", "description"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "time_zone",
                    "day_change",
                    "mode",
                    "city",
                    "venue",
                    "address",
                    "host",
                ]
            },
        ),
        (_("Cover image"), {"fields": ["cover"]}),
        (_("Publishing"), {"fields": ["is_published", "is_current"]}),
        (
            _("Registration"),
            {"fields": ["registration_opens", "registration_closes", "on_site_capacity"]},
        ),
        (
            _("Headline figures"),
            {
                "classes": ["collapse"],
                "description": _(
                    "The numbers the home page shows for this edition. Left empty, a number is "
                    "counted from the registrations that hold a place; 0 hides it."
                ),
                "fields": [
                    "participating_countries",
                    "countries_count",
                    "experts_count",
                    "postgraduates_count",
                ],
            },
        ),
        (
            _("Letters and certificates"),
            {"classes": ["collapse"], "fields": ["signatory_name", "signatory_position"]},
        ),
    ]

    def get_urls(self):
        # Before the default "<object_id>/" addresses, which would swallow this one.
        import_url = path(
            "<path:object_id>/import-schedule/",
            self.admin_site.admin_view(self.import_schedule_view),
            name="events_edition_import_schedule",
        )
        status_url = path(
            "<path:object_id>/import-schedule/<int:run_id>/",
            self.admin_site.admin_view(self.import_status_view),
            name="events_edition_import_schedule_status",
        )
        return [import_url, status_url, *super().get_urls()]

    def import_schedule_view(self, request, object_id):
        return schedule_import.import_schedule_view(self, request, object_id)

    def import_status_view(self, request, object_id, run_id):
        return schedule_import.import_status_view(self, request, object_id, run_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import_schedule": schedule_import.has_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["logo_thumbnail", "name", "short_name", "type", "country"]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["type", ("country", CountryFilter)]
    search_fields = ["name_en", "name_zh_hans", "short_name_en", "short_name_zh_hans"]
    readonly_fields = ["logo_preview"]
    fields = [
        "name",
        "short_name",
        "type",
        "country",
        "website",
        "address",
        "logo",
        "logo_preview",
    ]

    logo_thumbnail = thumbnail_column("logo", _("logo"))
    logo_preview = thumbnail_column("logo", _("current logo"), height=120)


@admin.register(OrganizerRole)
class OrganizerRoleAdmin(HistoryAdmin):
    list_display = ["organization", "role", "edition", "order"]
    list_filter = ["edition", "role"]
    list_select_related = ["edition", "organization"]
    search_fields = ["organization__name_en", "organization__name_zh_hans"]
    autocomplete_fields = ["edition", "organization"]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["title", "edition", "order"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["title_en", "title_zh_hans"]
    autocomplete_fields = ["edition"]
