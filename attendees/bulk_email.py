"""Emails organizers write to many registrations at once, queued in the outbox.

The messages go through the same outbox as every other attendee email (`emails.queue`), at low
priority: the admin's request stores them with a single task (`tasks.send_bulk_email`), which a
worker turns into one delivery per person, behind the confirmation emails of people registering
meanwhile.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from post_office.models import Email

from . import emails, tasks
from .models import BULK_EMAIL_FIELDS, BulkEmail, MessageText, Registration


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str


def recipients(registrations: QuerySet[Registration]) -> list[Recipient]:
    """One recipient per address, in the language of its newest registration among these.

    Anonymized registrations are left out: their address is a placeholder nobody reads.
    """
    found: dict[str, Recipient] = {}
    rows = (
        registrations.filter(anonymized_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values_list("email", "language")
    )
    for email, language in rows:
        found.setdefault(email, Recipient(email=email, language=language))
    return list(found.values())


def count_by_language(found: list[Recipient]) -> dict[str, int]:
    """How many recipients each language of the site has, in the site's order."""
    counts = Counter(recipient.language for recipient in found)
    return {language: counts[language] for language in BULK_EMAIL_FIELDS if counts[language]}


def send_bulk_email(
    *,
    registrations: QuerySet[Registration],
    by: AbstractBaseUser,
    texts: Mapping[str, MessageText],
) -> BulkEmail:
    """Email the people behind ``registrations``: one message per address, in their language.

    ``texts`` maps language codes to the versions written; someone whose language has no
    version gets the other one. Side effects, in one transaction: records a `BulkEmail` (who,
    when, the texts, how many recipients) and stores one outbox message per recipient, linked
    to it, and the task that sends them. Raises `ValidationError` when no version is complete.
    """
    bulk_email = BulkEmail(sent_by=by)
    for language, text in texts.items():
        subject_field, body_field = BULK_EMAIL_FIELDS[language]
        # One line for the subject (a header), one kind of line break for the text.
        setattr(bulk_email, subject_field, " ".join(text.subject.split()))
        setattr(bulk_email, body_field, "\n".join(text.body.strip().splitlines()))
    with transaction.atomic():
        found = recipients(registrations)
        bulk_email.recipients_count = len(found)
        bulk_email.full_clean()
        bulk_email.save()
        queued = []
        for recipient in found:
            subject, body = bulk_email.text_for(recipient.language)
            queued.append(emails.queue(to=recipient.email, subject=subject, text=body, bulk=True))
        bulk_email.messages.add(*queued)
        tasks.enqueue(tasks.send_bulk_email, bulk_email.pk)
    return bulk_email


def enqueue_messages(bulk_email_id: int) -> int:
    """Enqueue the delivery of each message of a mailing still waiting; returns how many."""
    with transaction.atomic():
        waiting = Email.objects.filter(bulk_emails=bulk_email_id, status__in=emails.WAITING)
        count = 0
        for email in waiting.only("pk", "priority"):
            emails.enqueue_delivery(email)
            count += 1
    return count
