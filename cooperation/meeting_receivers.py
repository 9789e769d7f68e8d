"""Meetings on the attendee's personal page and in their data download (attendees' signals)."""

from django.dispatch import receiver

from attendees import signals as attendee_signals
from attendees.models import Registration

from . import meetings_personal


@receiver(
    attendee_signals.personal_page_sections,
    sender=Registration,
    dispatch_uid="cooperation.meetings_page",
)
def _personal_page_section(sender, registration, token, **kwargs):
    return meetings_personal.page_section(registration, token)


@receiver(
    attendee_signals.personal_data_export,
    sender=Registration,
    dispatch_uid="cooperation.meetings_export",
)
def _personal_data(sender, registration, **kwargs):
    return "cooperation_meetings", meetings_personal.exported_data(registration)
