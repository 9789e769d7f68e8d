"""One run of the admin's "Import a schedule": a preview or an import of an uploaded file.

The admin request only stores the upload here and enqueues ``events.tasks.run_schedule_import``;
the worker reads the file, writes the result into the row, and the status page shows it. The
bytes of the upload stay only as long as they may still be imported (see ``clear_old_uploads``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .edition import Edition

# A preview's upload is kept this long for its "Import" button, then dropped.
KEEP_PREVIEW_UPLOAD = datetime.timedelta(days=1)


class TimeZoneChoice(models.TextChoices):
    """What an import does with a file whose time zone is not the edition's
    (``events.imports.time_zones``)."""

    ASK = "", _("Refuse the file, saying so")
    CONVERT = (
        "convert",
        _("Keep the file's times (read in its time zone) and show them on the edition's clock"),
    )
    ADOPT = "adopt", _("Change the edition's time zone to the file's")


class ScheduleImportQuerySet(models.QuerySet):
    def with_old_uploads(self, now=None):
        """Runs still holding bytes nobody will import: finished imports, and previews
        finished more than ``KEEP_PREVIEW_UPLOAD`` ago."""
        now = now or timezone.now()
        finished_import = models.Q(
            kind=ScheduleImport.Kind.IMPORT,
            status__in=[ScheduleImport.Status.DONE, ScheduleImport.Status.FAILED],
        )
        old_preview = models.Q(
            kind=ScheduleImport.Kind.PREVIEW, created_at__lt=now - KEEP_PREVIEW_UPLOAD
        )
        return self.filter(upload__isnull=False).filter(finished_import | old_preview)

    def clear_old_uploads(self, now=None) -> int:
        """Drop the stored bytes of ``with_old_uploads``; how many runs were cleared."""
        return self.with_old_uploads(now).update(upload=None, upload_size=0)


class ScheduleImport(models.Model):
    class Kind(models.TextChoices):
        PREVIEW = "preview", _("preview")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("schedule import", "queued")
        RUNNING = "running", pgettext_lazy("schedule import", "running")
        DONE = "done", pgettext_lazy("schedule import", "done")
        FAILED = "failed", pgettext_lazy("schedule import", "failed")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="schedule_imports",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # The file as uploaded, at most events.imports.download.MAX_BYTES; emptied once no run
    # will read it again.
    upload = models.BinaryField(_("uploaded file"), null=True, editable=False)
    # Kept with ``upload`` (0 once it is dropped), so pages need not load the bytes.
    upload_size = models.PositiveIntegerField(_("size of the stored file (bytes)"), default=0)
    language = models.CharField(_("language of its texts"), max_length=10)
    time_zone_choice = models.CharField(
        _("time zone of the file"),
        max_length=10,
        blank=True,
        default=TimeZoneChoice.ASK,
        choices=TimeZoneChoice.choices,
    )
    # The organizer's admin language: the worker writes the result's messages in it.
    messages_language = models.CharField(_("language of the messages"), max_length=10)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    preview = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("preview it imports"),
    )
    summary = models.JSONField(_("summary"), default=list, blank=True)
    # Per kind of object, the first names created and updated (a preview's result).
    changes = models.JSONField(_("changes"), default=list, blank=True)
    changes_anything = models.BooleanField(_("changes anything"), default=False)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScheduleImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule import")
        verbose_name_plural = _("schedule imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["edition", "-created_at"], name="schedule_import_edition")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def may_be_imported(self) -> bool:
        """A finished preview whose file changes something and is still stored."""
        return (
            self.kind == self.Kind.PREVIEW
            and self.status == self.Status.DONE
            and self.changes_anything
            and self.upload_size > 0
        )
