"""The emails an attendee receives, written in their language and sent through the outbox.

Each message is rendered and stored in django-post-office's outbox inside the transaction of the
change that caused it, with the task that sends it (`tasks.deliver_email`): a change, its email
and the work of sending it are saved together or not at all, and the request never waits for the
mail server. A worker of the task queue sends the message; when the server fails, the same task
is enqueued again after a short delay (`retry_delay`, at most ``EMAIL_RETRY_MAX_DELAY``), so mail
goes out within that delay once the server is back. After ``EMAIL_MAX_ATTEMPTS`` failures the
message stays "failed"; organizers see every message, its status and its log in the admin under
"Post Office", and can send any of them again from there (`resend`).
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from post_office.connections import connections
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_log_level

from . import links, tasks
from .models import Registration

logger = logging.getLogger(__name__)

# Statuses of a message that is still to be sent.
WAITING = (STATUS.queued, STATUS.requeued)


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
    """Store the message in the outbox and enqueue its delivery, in the current transaction."""
    subject, text, html = render(kind, registration)
    return queue(to=registration.email, subject=subject, text=text, html=html)


def queue(*, to: str, subject: str, text: str, html: str = "", bulk: bool = False) -> Email:
    """Store one message in the outbox.

    Unless ``bulk``, its delivery is enqueued at once. A mailing to many people
    (`bulk_email`) stores its messages at low priority and enqueues one task for all of them.
    """
    # Created directly rather than through post_office.mail.send(), which would run the already
    # rendered text through the template engine again, attendee-typed names included.
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        subject=subject,
        message=text,
        html_message=html,
        priority=PRIORITY.low if bulk else PRIORITY.medium,
        status=STATUS.queued,
        # Due at once: no time, as the web server's clock may run ahead of a worker's.
        scheduled_time=None,
        number_of_retries=0,
    )
    if not bulk:
        enqueue_delivery(email)
    return email


def enqueue_delivery(email: Email, *, at: datetime.datetime | None = None) -> None:
    """Enqueue the task that sends ``email`` (at ``at``), mailings behind personal messages."""
    priority = (
        tasks.BULK_EMAIL_PRIORITY
        if email.priority == PRIORITY.low
        else tasks.ATTENDEE_EMAIL_PRIORITY
    )
    tasks.enqueue(tasks.deliver_email, email.pk, priority=priority, run_after=at)


def retry_delay(failures: int) -> datetime.timedelta:
    """How long to wait after the ``failures``-th failed attempt: doubling, capped."""
    first = settings.EMAIL_RETRY_FIRST_DELAY
    return min(first * 2 ** min(failures - 1, 16), settings.EMAIL_RETRY_MAX_DELAY)


def _claim(email_id: int, now: datetime.datetime) -> Email | None:
    """Take a waiting message for one delivery attempt, or ``None`` if it is not due.

    One conditional UPDATE moves its scheduled time past the longest an attempt can last, so
    that no other task (a retry, a resend from the admin) sends it meanwhile, while the
    attempt itself runs outside any transaction: SQLite would otherwise stop every other write
    for as long as the mail server keeps us waiting.
    """
    lease = datetime.timedelta(seconds=max(60, 4 * (settings.EMAIL_TIMEOUT or 60)))
    claimed = (
        Email.objects.filter(pk=email_id, status__in=WAITING)
        .filter(Q(scheduled_time__lte=now) | Q(scheduled_time__isnull=True))
        .update(scheduled_time=now + lease, last_updated=now)
    )
    return Email.objects.filter(pk=email_id).first() if claimed else None


def _refused_for_good(error: Exception) -> bool:
    """Whether the server refused every recipient permanently (5xx): trying again cannot help."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _message in error.recipients.values()
    )


def deliver(email_id: int) -> str:
    """Send one stored message now; on failure, enqueue the next attempt or give up.

    Returns what happened: "sent", "retry", "failed" (for good, visible in the admin) or
    "skipped" (already sent, deleted with its registration, or being sent by another task).
    """
    now = timezone.now()
    email = _claim(email_id, now)
    if email is None:
        return "skipped"
    try:
        email.dispatch(commit=False, disconnect_after_delivery=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
        return _failed(email, error, now)
    finally:
        connections.close()
    sent = Email.objects.filter(pk=email.pk).update(
        status=STATUS.sent, scheduled_time=now, last_updated=timezone.now()
    )
    if sent and get_log_level() >= 2:
        Log.objects.create(email=email, status=STATUS.sent, message="", exception_type="")
    return "sent"


def _failed(email: Email, error: Exception, now: datetime.datetime) -> str:
    failures = (email.number_of_retries or 0) + 1
    gave_up = failures >= settings.EMAIL_MAX_ATTEMPTS or _refused_for_good(error)
    retry_at = timezone.now() + retry_delay(failures)
    with transaction.atomic():
        kept = Email.objects.filter(pk=email.pk).update(
            status=STATUS.failed if gave_up else STATUS.requeued,
            number_of_retries=failures,
            scheduled_time=now if gave_up else retry_at,
            last_updated=timezone.now(),
        )
        if not kept:
            return "skipped"  # erased with its registration while the server kept us waiting
        if get_log_level() >= 1:
            Log.objects.create(
                email=email,
                status=STATUS.failed,
                message=str(error),
                exception_type=type(error).__name__,
            )
        if not gave_up:
            enqueue_delivery(email, at=retry_at)
    if gave_up:
        logger.error(
            "Email %s failed %s times (%s: %s); it stays failed in the admin.",
            email.pk,
            failures,
            type(error).__name__,
            error,
        )
        return "failed"
    logger.warning(
        "Email %s failed (%s: %s); attempt %s at %s.",
        email.pk,
        type(error).__name__,
        error,
        failures + 1,
        retry_at.isoformat(timespec="seconds"),
    )
    return "retry"


def resend(emails: Iterable[Email]) -> int:
    """Send these messages again from a worker, whatever became of them; returns how many.

    Their count of failed attempts starts again from zero.
    """
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for email in emails:
            Email.objects.filter(pk=email.pk).update(
                status=STATUS.queued, number_of_retries=0, scheduled_time=None, last_updated=now
            )
            enqueue_delivery(email)
            count += 1
    return count
