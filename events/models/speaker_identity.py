"""Who a speaker is in the schedules imported from elsewhere: the file's person id per source.

A schedule import matches people by identity, never by name alone (two people called 王伟 are
two speakers): by the person's GUID (``Speaker.guid``), else by the person id the file gives,
which is only unique within the conference that wrote the file, hence the ``source``. An
organizer who knows that a person in a file is a speaker already on the site adds the file's
identity to that speaker in the admin; the next import then uses that speaker.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Speaker


class SpeakerIdentity(models.Model):
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="identities", verbose_name=_("speaker")
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_(
            "The conference the schedule comes from: its acronym as the file gives it "
            "(shown in the import's preview)."
        ),
    )
    external_id = models.CharField(
        _("identity in the source"),
        max_length=250,
        help_text=_(
            "“id:” and the file's person id, or “name:” and the name of a person the file "
            "gives no id (shown in the import's preview)."
        ),
    )

    class Meta:
        verbose_name = _("identity in an imported schedule")
        verbose_name_plural = _("identities in imported schedules")
        ordering = ["source", "external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="unique_speaker_identity"
            )
        ]

    def __str__(self):
        return f"{self.source}: {self.external_id}"
