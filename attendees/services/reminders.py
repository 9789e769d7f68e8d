"""The reminder emailed once to attendees holding a place before the conference."""

from django.db import transaction
from django.utils import timezone

from .. import emails
from ..emails import Kind
from ..models import Registration


def send_reminder(*, registration: Registration) -> bool:
    """Remind an attendee who holds a place of the coming conference, once.

    Side effects: records ``reminder_sent_at`` and emails the reminder (dates, venue, mode,
    sub-forums, personal link; the ticket on-site, the way to the online links online).
    Returns ``False`` and changes nothing when the registration was reminded already or holds
    no place (any more), so a command scheduled daily never sends it twice.
    """
    with transaction.atomic():
        # One conditional UPDATE: two runs of the command at once cannot both send.
        claimed = (
            Registration.objects.awaiting_reminder()
            .filter(pk=registration.pk)
            .update(reminder_sent_at=timezone.now())
        )
        if not claimed:
            return False
        registration.refresh_from_db()
        emails.send(Kind.REMINDER, registration)
        return True
