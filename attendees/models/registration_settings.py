"""The registration rules organizers set per edition: online capacity and approval."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.models import Edition


class RegistrationSettings(models.Model):
    """How registration works for one edition, beyond what the edition itself holds."""

    edition = models.OneToOneField(
        Edition,
        on_delete=models.CASCADE,
        related_name="registration_settings",
        verbose_name=_("edition"),
    )
    online_capacity = models.PositiveIntegerField(
        _("online capacity"),
        null=True,
        blank=True,
        help_text=_("Places for online attendees; empty means unlimited."),
    )
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("Confirmed registrations wait until an organizer approves or rejects them."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        ordering = ["-edition__year"]

    def __str__(self):
        return str(_("Registration settings #%(pk)s") % {"pk": self.pk})

    @classmethod
    def for_edition(cls, edition: Edition) -> "RegistrationSettings":
        """The edition's settings, or unsaved defaults (unlimited online, no approval)."""
        try:
            return cls.objects.get(edition=edition)
        except cls.DoesNotExist:
            return cls(edition=edition)
