"""Whole-edition files built ahead by the worker (events/edition_files.py): the program as a
calendar, a frab schedule or a PDF, in one language, with the content version it shows. The bytes
are a file in the default storage (``MEDIA_ROOT``), under a name that changes with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .edition import Edition


class EditionFile(models.Model):
    """One built file. Rows are written by ``edition_files.build`` alone, with an upsert that
    sends no signal: a built file is not public content, so storing one never makes pages stale.
    """

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="files", verbose_name=_("edition")
    )
    # Kinds are registered by the apps that draw them (events: calendar and schedules;
    # attendees: the PDF), so they are not choices here.
    kind = models.CharField(_("kind"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    token = models.CharField(
        _("content version"),
        max_length=64,
        help_text=_(
            "The content version the file was built from; it is served only while the "
            "site's content version is the same."
        ),
    )
    # edition-files/<year>/<kind>-<language>-<digest>.<ext>: a new build never overwrites the
    # file a request may be reading.
    file = models.FileField(_("file"), max_length=200)
    etag = models.CharField(_("ETag"), max_length=64)
    built_at = models.DateTimeField(_("built at"))
    build_seconds = models.FloatField(_("build time (seconds)"))

    class Meta:
        verbose_name = _("prebuilt file")
        verbose_name_plural = _("prebuilt files")
        ordering = ["edition", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "language"], name="edition_file_unique_kind_language"
            )
        ]

    def __str__(self):
        return f"{self.kind} ({self.language})"
