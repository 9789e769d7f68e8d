"""The people on the program."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.names import ordered_names

from . import image_sizes


class Speaker(models.Model):
    guid = models.UUIDField(
        _("GUID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable identifier in schedule exports and imports."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("In Latin script, as on a passport.")
    )
    name_original = models.CharField(
        _("name in original script"),
        max_length=200,
        blank=True,
        help_text=_("For example the name in Chinese characters."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    honorific = models.CharField(
        _("honorific or title"), max_length=100, blank=True, help_text=_("e.g. Prof., Dr.")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    # Speaker cards are 4.5rem wide, the profile 10rem: about 72 and 160 CSS pixels.
    photo_card = image_sizes.square("photo", 160)
    photo_profile = image_sizes.square("photo", 360)
    website = models.URLField(_("website"), blank=True)
    is_sample = models.BooleanField(
        _("sample entry"),
        default=False,
        help_text=_("Marks demo people the source did not name; shown with a label."),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]
        indexes = [
            # In the order search shows speakers: a word many of them match is answered by walking
            # this index until 21 have matched, not by testing every match (events/search.py).
            models.Index(fields=["name", "id"], name="speaker_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The speaker's page in the latest edition they appear in (used by "view on site")."""
        from .edition import Edition

        edition = (
            Edition.objects.filter(Q(sessions__speakers=self) | Q(sub_forums__chairs=self))
            .order_by("-year")
            .first()
        ) or Edition.objects.filter(is_current=True).first()
        if edition is None:
            return None
        return reverse("events:speaker", kwargs={"year": edition.year, "slug": self.slug})

    @property
    def display_name(self):
        return self.compose_display_name(
            self.name, self.honorific, translation.get_language(), self.name_original
        )

    @property
    def other_name(self) -> str:
        """The name shown small under ``display_name``: the other script, or ``""``."""
        return ordered_names(self.name, self.name_original, translation.get_language())[1]

    @staticmethod
    def compose_display_name(
        name: str, honorific: str, language: str | None, name_original: str = ""
    ) -> str:
        """ "Prof. Jane Doe" in English; on Chinese pages a name in Chinese characters leads and
        the title follows it ("王建国 教授")."""
        name = ordered_names(name, name_original, language)[0]
        if not honorific:
            return name
        if language == "zh-hans":
            return f"{name} {honorific}"
        return f"{honorific} {name}"
