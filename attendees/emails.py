"""The emails an attendee receives, written in their language and sent through the outbox.

Each message is rendered and stored in django-post-office's outbox inside the transaction of the
change that caused it, so a change and its email are saved together or not at all. Right after
the transaction commits, the message is sent; if the mail server fails, it stays in the outbox
and `manage.py send_queued_mail` retries it (``POST_OFFICE["MAX_RETRIES"]`` times). Organizers
see every message, its status and its log in the admin under "Post Office". Emails organizers
write to many attendees at once (`attendees.bulk_email`) are stored by the same `queue`, and
left to that worker.
"""

import datetime
import logging
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_retry_timedelta

from . import links
from .models import Registration

logger = logging.getLogger(__name__)

# A stored message waits this long before the queue worker may take it, so the worker and the
# immediate delivery after commit never send the same message twice.
HANDOVER_DELAY = datetime.timedelta(minutes=2)


class Kind(StrEnum):
    CONFIRM_EMAIL = "confirm_email"
    REGISTRATION_LINK = "registration_link"
    PENDING_APPROVAL = "pending_approval"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
    VISA_LETTER = "visa_letter"


SUBJECTS = {
    Kind.CONFIRM_EMAIL: _("Please confirm your registration for %(edition)s"),
    Kind.REGISTRATION_LINK: _("Your registration for %(edition)s"),
    Kind.PENDING_APPROVAL: _("Your registration for %(edition)s awaits approval"),
    Kind.CONFIRMED: _("You are registered for %(edition)s"),
    Kind.WAITLISTED: _("You are on the waitlist for %(edition)s"),
    Kind.PROMOTED: _("A place is now yours at %(edition)s"),
    Kind.APPROVED: _("Your registration for %(edition)s is approved"),
    Kind.REJECTED: _("About your registration for %(edition)s"),
    Kind.CANCELLED: _("Your registration for %(edition)s is cancelled"),
    Kind.REMINDER: _("See you soon at %(edition)s"),
    Kind.VISA_LETTER: _("Your visa invitation letter for %(edition)s is ready"),
}


def _context(kind: Kind, registration: Registration) -> dict:
    edition = registration.edition
    context = {
        "kind": kind,
        "registration": registration,
        "edition": edition,
        "edition_url": links.absolute(edition.get_absolute_url()),
        "sub_forums": list(registration.sub_forums.order_by("order", "pk")),
        "manage_url": links.manage_url(registration),
        "waitlist_position": registration.waitlist_position(),
    }
    if kind == Kind.CONFIRM_EMAIL:
        context["confirm_url"] = links.confirmation_url(registration)
        context["valid_hours"] = int(
            settings.ATTENDEES_CONFIRMATION_MAX_AGE.total_seconds() // 3600
        )
    if kind == Kind.REMINDER:
        context["program_url"] = links.absolute(
            reverse("events:program", kwargs={"year": edition.year})
        )
    if kind == Kind.VISA_LETTER:
        letter = registration.documents.valid().visa_letters().get()
        context["letter"] = letter
        context["verify_url"] = links.absolute(letter.get_absolute_url())
    if registration.has_ticket:
        context["ticket_url"] = links.manage_url(registration, "attendees:ticket_png")
    return context


def render(kind: Kind, registration: Registration) -> tuple[str, str, str]:
    """(subject, text, html) in the attendee's language."""
    with translation.override(registration.language):
        context = _context(kind, registration)
        edition = registration.edition
        subject = SUBJECTS[kind] % {"edition": edition.short_title or edition.title}
        text = render_to_string(f"emails/{kind}.txt", context)
        html = render_to_string(f"emails/{kind}.html", context)
    return " ".join(str(subject).split()), text, html


def send(kind: Kind, registration: Registration) -> Email:
    """Store the message in the outbox now and deliver it once the transaction commits."""
    subject, text, html = render(kind, registration)
    return queue(to=registration.email, subject=subject, text=text, html=html)


def queue(*, to: str, subject: str, text: str, html: str = "", at_once: bool = True) -> Email:
    """Store one message in the outbox.

    With ``at_once`` it is delivered right after the transaction commits (the queue worker
    retries it if that fails). Without, it waits at low priority for the queue worker
    (`send_queued_mail`): for mailings to many people, which must not hold up a request.
    """
    now = timezone.now()
    # Created directly rather than through post_office.mail.send(), which would run the already
    # rendered text through the template engine again, attendee-typed names included.
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        subject=subject,
        message=text,
        html_message=html,
        priority=PRIORITY.medium if at_once else PRIORITY.low,
        status=STATUS.queued,
        scheduled_time=now + HANDOVER_DELAY if at_once else now,
    )
    if at_once:
        transaction.on_commit(lambda: deliver(email.pk), robust=True)
    return email


def deliver(email_id: int) -> None:
    """Send one stored message now; on failure, hand it to the queue worker for retries."""
    email = Email.objects.filter(pk=email_id, status=STATUS.queued).first()
    if email is None:
        return  # already sent by the queue worker, or deleted with its registration
    if email.dispatch() == STATUS.failed:
        Email.objects.filter(pk=email.pk, status=STATUS.failed).update(
            status=STATUS.requeued,
            number_of_retries=0,
            scheduled_time=timezone.now() + get_retry_timedelta(),
        )
        logger.warning("Email %s to a registrant failed; queued for a retry.", email.pk)
