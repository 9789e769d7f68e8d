"""The people on the program."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from common.admin.history import HistoryAdmin
from events.models import Speaker, SpeakerIdentity

from .thumbnails import thumbnail_column


class SpeakerIdentityInline(admin.TabularInline):
    """Where the organizer says that a person of an imported schedule is this speaker."""

    model = SpeakerIdentity
    extra = 0
    fields = ["source", "external_id"]
    verbose_name = _("identity in an imported schedule")
    verbose_name_plural = _(
        "Identities in imported schedules (an import uses this speaker for the person with "
        "this source and identity, as its preview shows them)"
    )


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin, TranslationAdmin):
    inlines = [SpeakerIdentityInline]
    list_display = [
        "photo_thumbnail",
        "name",
        "name_original",
        "honorific",
        "affiliation",
        "country",
        "is_sample",
    ]
    list_display_links = ["photo_thumbnail", "name"]
    list_filter = [("country", CountryFilter), "is_sample"]
    search_fields = ["name", "name_original", "slug", "affiliation_en", "affiliation_zh_hans"]
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "name_original", "slug", "honorific"]}),
        (_("Affiliation"), {"fields": ["position", "affiliation", "country", "website"]}),
        (_("Biography and photo"), {"fields": ["biography", "photo", "photo_preview"]}),
        (_("Demo data"), {"classes": ["collapse"], "fields": ["is_sample"]}),
    ]

    photo_thumbnail = thumbnail_column("photo", _("photo"))
    photo_preview = thumbnail_column("photo", _("current photo"), height=160)

    def view_on_site(self, speaker):
        # Not the contenttypes redirect: a speaker in no edition has no page (None hides the link).
        return speaker.get_absolute_url()
