"""Every change of a registration's state, with its rules: places, the waitlist, approval.

Views, admin actions and management commands call these functions; none changes a status itself.
Each function is one transaction. Those that give or free a place lock the edition's row first
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite runs writing transactions one at a time), then
count, then write, so two attendees can never take the last seat together. Emails are stored
in the outbox within the same transaction and sent after it commits (`attendees.emails`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from post_office.models import Email

from events.models import Edition, Mode, SubForum

from . import emails
from .capacity import Places
from .emails import Kind
from .models import (
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    new_access_secret,
)

# How long a request waits for another one holding the edition's lock before giving up.
LOCK_TIMEOUT_MS = 5000

# What an attendee may change on their personal page (the email is who they are: not here).
EDITABLE_FIELDS = (
    "name",
    "name_original",
    "organization",
    "organization_type",
    "position",
    "country",
    "category",
    "needs_visa_letter",
    "nationality",
    "passport_number",
    "date_of_birth",
    "dietary_needs",
    "accessibility_needs",
    "public_listing_consent",
)
REGISTRATION_FIELDS = (*EDITABLE_FIELDS, "email", "mode")


class RegistrationError(Exception):
    """A rule refused the change; the message is meant for the person who asked for it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RegistrationBusy(RegistrationError):
    """Too many changes at once for the same edition; trying again a moment later works."""


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    first_checked_in_at: datetime | None = None

    @property
    def is_repeat(self) -> bool:
        return self.first_checked_in_at is not None


def _lock_edition(edition_id: int) -> Edition:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
    try:
        return Edition.objects.select_for_update().get(pk=edition_id)
    except OperationalError as error:
        raise RegistrationBusy(
            _("Many people are registering right now. Please try again in a moment.")
        ) from error


def _locked(registration: Registration) -> tuple[Edition, Registration]:
    """The edition and a fresh copy of the registration, both locked (edition first, always)."""
    edition = _lock_edition(registration.edition_id)
    fresh = Registration.objects.select_for_update().filter(pk=registration.pk).first()
    if fresh is None:
        raise RegistrationError(_("This registration no longer exists."))
    fresh.edition = edition
    return edition, fresh


def _sub_forum_ids(registration: Registration) -> set[int]:
    return set(registration.sub_forums.values_list("pk", flat=True))


def _check_choices(edition: Edition, *, mode: str, sub_forums: Iterable[SubForum]) -> None:
    if edition.mode != Mode.HYBRID and mode != edition.mode:
        raise RegistrationError(
            _("This edition offers one way to take part only: %(mode)s.")
            % {"mode": Mode(edition.mode).label}
        )
    if any(sf.edition_id != edition.pk for sf in sub_forums):
        raise RegistrationError(_("Choose sub-forums of this edition only."))


def _place_or_waitlist(registration: Registration, places: Places, *, now, granted: Kind) -> None:
    """Give the registration a place if one is free, else put it at the end of the waitlist."""
    sub_forum_ids = _sub_forum_ids(registration)
    if places.refusal(mode=registration.mode, sub_forum_ids=sub_forum_ids) is None:
        places.take(mode=registration.mode, sub_forum_ids=sub_forum_ids)
        _grant_place(registration, now=now)
        registration.save()
        emails.send(granted, registration)
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now
        registration.save()
        emails.send(Kind.WAITLISTED, registration)


def _grant_place(registration: Registration, *, now) -> None:
    registration.status = (
        RegistrationStatus.APPROVED if registration.was_approved else RegistrationStatus.CONFIRMED
    )
    registration.confirmed_at = now


def _promote(edition: Edition, places: Places) -> list[Registration]:
    """Give free places to the waitlist in order; each promoted attendee is emailed.

    Someone whose mode or sub-forums are still full is passed over for the next in line
    who fits, so a free seat is never left empty while a person who could take it waits.
    """
    promoted = []
    now = timezone.now()
    waiting = (
        Registration.objects.filter(edition=edition)
        .in_waitlist_order()
        .select_for_update()
        .prefetch_related("sub_forums")
    )
    for candidate in waiting:
        sub_forum_ids = {sf.pk for sf in candidate.sub_forums.all()}
        if places.refusal(mode=candidate.mode, sub_forum_ids=sub_forum_ids) is None:
            places.take(mode=candidate.mode, sub_forum_ids=sub_forum_ids)
            candidate.edition = edition
            _grant_place(candidate, now=now)
            candidate.save(update_fields=["status", "confirmed_at", "updated_at"])
            emails.send(Kind.PROMOTED, candidate)
            promoted.append(candidate)
    return promoted


def register(
    *, edition: Edition, details: Mapping[str, Any], sub_forums: Iterable[SubForum], language: str
) -> tuple[Registration, bool]:
    """Register someone for ``edition``; returns the registration and whether it is new.

    Side effects: creates an unconfirmed registration (it takes no place yet) and emails the
    link that confirms the address. If the address already has a registration for the edition,
    nothing is created and the person is emailed their link again instead (`resend_link`).
    Raises `RegistrationError` outside the registration window or for choices the edition
    does not offer.
    """
    if not edition.registration_is_open():
        raise RegistrationError(_("Registration for this edition is closed."))
    sub_forums = list(sub_forums)
    fields = {name: details[name] for name in REGISTRATION_FIELDS if name in details}
    fields["email"] = fields["email"].strip().lower()
    _check_choices(edition, mode=fields.get("mode", AttendanceMode.ON_SITE), sub_forums=sub_forums)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE

    existing = Registration.objects.active().filter(edition=edition, email=fields["email"]).first()
    if existing is not None:
        resend_link(registration=existing)
        return existing, False

    now = timezone.now()
    registration = Registration(
        edition=edition,
        language=language,
        privacy_consent_at=now,
        confirmation_sent_at=now,
        **fields,
    )
    if not registration.needs_visa_letter:
        registration.clear_passport_data()
    try:
        with transaction.atomic():
            registration.save()
            registration.sub_forums.set(sub_forums)
            emails.send(Kind.CONFIRM_EMAIL, registration)
    except IntegrityError:
        # Two submissions of the same address at once: the database let one through.
        existing = (
            Registration.objects.active().filter(edition=edition, email=fields["email"]).first()
        )
        if existing is None:
            raise
        resend_link(registration=existing)
        return existing, False
    return registration, True


def resend_link(*, registration: Registration) -> None:
    """Email the person the link they need now.

    Side effects: an unconfirmed registration gets a fresh confirmation link (its expiry starts
    again); any other gets the link to its personal page.
    """
    with transaction.atomic():
        if registration.status == RegistrationStatus.UNCONFIRMED:
            registration.confirmation_sent_at = timezone.now()
            registration.save(update_fields=["confirmation_sent_at", "updated_at"])
            emails.send(Kind.CONFIRM_EMAIL, registration)
        else:
            emails.send(Kind.REGISTRATION_LINK, registration)


def confirm_email(*, registration: Registration) -> Registration:
    """The attendee clicked the link in their email; a second click changes nothing.

    Side effects: with approval required, the registration waits for an organizer and the
    attendee is told so; otherwise it gets a place (email "confirmed") or, when the edition,
    its mode or one of its sub-forums is full, goes to the end of the waitlist (email
    "waitlisted").
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        if registration.status != RegistrationStatus.UNCONFIRMED:
            return registration
        now = timezone.now()
        registration.email_confirmed_at = now
        if RegistrationSettings.for_edition(edition).requires_approval:
            registration.status = RegistrationStatus.PENDING_APPROVAL
            registration.save()
            emails.send(Kind.PENDING_APPROVAL, registration)
        else:
            _place_or_waitlist(registration, Places.count(edition), now=now, granted=Kind.CONFIRMED)
        return registration


def approve(*, registration: Registration, by: AbstractBaseUser) -> Registration:
    """An organizer accepts a registration that waits for approval.

    Side effects: it gets a place (email "approved") or, when full, joins the end of the
    waitlist (email "waitlisted") and is promoted like any other later on.
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        if registration.status != RegistrationStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only registrations waiting for approval can be approved."))
        now = timezone.now()
        registration.approved_at = now
        registration.reviewed_by = by
        _place_or_waitlist(registration, Places.count(edition), now=now, granted=Kind.APPROVED)
        return registration


def reject(*, registration: Registration, by: AbstractBaseUser) -> Registration:
    """An organizer declines a registration that waits for approval.

    Side effects: the status becomes "rejected" for good and the attendee is emailed.
    """
    with transaction.atomic():
        _edition, registration = _locked(registration)
        if registration.status != RegistrationStatus.PENDING_APPROVAL:
            raise RegistrationError(_("Only registrations waiting for approval can be rejected."))
        registration.status = RegistrationStatus.REJECTED
        registration.rejected_at = timezone.now()
        registration.reviewed_by = by
        registration.save()
        emails.send(Kind.REJECTED, registration)
        return registration


def cancel(*, registration: Registration) -> Registration:
    """Cancel a registration (by the attendee or an organizer); cancelling twice is harmless.

    Side effects: the attendee is emailed; a place it held goes to the waitlist at once
    (each promoted attendee is emailed). The address may register again afterwards.
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if registration.status not in RegistrationStatus.cancellable():
            raise RegistrationError(_("This registration can no longer be cancelled."))
        if registration.checked_in_at:
            raise RegistrationError(_("This attendee has already been checked in."))
        held_place = registration.holds_place
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        emails.send(Kind.CANCELLED, registration)
        if held_place:
            _promote(edition, Places.count(edition))
        return registration


def promote_waitlist(*, edition: Edition) -> list[Registration]:
    """Fill free places from the waitlist, e.g. after organizers raise a capacity.

    Side effects: each promoted registration gets a place and a "promoted" email.
    """
    with transaction.atomic():
        edition = _lock_edition(edition.pk)
        if not Registration.objects.filter(edition=edition).waitlisted().exists():
            return []
        return _promote(edition, Places.count(edition))


def update_details(*, registration: Registration, details: Mapping[str, Any]) -> Registration:
    """Change the personal details an attendee may edit (`EDITABLE_FIELDS`).

    Side effects: passport data is cleared when no visa letter is needed any more.
    """
    with transaction.atomic():
        _edition, registration = _locked(registration)
        if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED):
            raise RegistrationError(_("This registration can no longer be changed."))
        changed = [name for name in EDITABLE_FIELDS if name in details]
        for name in changed:
            setattr(registration, name, details[name])
        if not registration.needs_visa_letter:
            registration.clear_passport_data()
        registration.full_clean(exclude=["edition", "sub_forums"])
        registration.save()
        return registration


def change_sub_forums(
    *, registration: Registration, sub_forums: Iterable[SubForum]
) -> Registration:
    """Choose other sub-forums.

    Side effects: an on-site attendee holding a seat keeps it only if every newly chosen
    sub-forum has a free seat (else nothing changes and `RegistrationError` says which is
    full); seats left behind go to the waitlist. A waitlisted attendee may get a place at
    once when the new choice fits (email "promoted").
    """
    sub_forums = list(sub_forums)
    with transaction.atomic():
        edition, registration = _locked(registration)
        _check_changeable(registration)
        _check_choices(edition, mode=registration.mode, sub_forums=sub_forums)
        places = Places.count(edition)
        if registration.holds_place:
            old_ids, new_ids = _sub_forum_ids(registration), {sf.pk for sf in sub_forums}
            places.release(mode=registration.mode, sub_forum_ids=old_ids)
            refusal = places.refusal(mode=registration.mode, sub_forum_ids=new_ids)
            if refusal:
                raise RegistrationError(refusal)
            places.take(mode=registration.mode, sub_forum_ids=new_ids)
        registration.sub_forums.set(sub_forums)
        registration.save(update_fields=["updated_at"])
        _promote(edition, places)
        registration.refresh_from_db()
        return registration


def switch_mode(*, registration: Registration, mode: str) -> Registration:
    """Attend on-site instead of online, or the other way round.

    Side effects: an attendee holding a place switches only if the other mode has a free
    place (else `RegistrationError`); the place left behind goes to the waitlist. A
    waitlisted attendee joins the end of the other mode's waitlist, or gets a place at once
    when one is free there (email "promoted").
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        _check_changeable(registration)
        _check_choices(edition, mode=mode, sub_forums=[])
        if mode == registration.mode:
            return registration
        places = Places.count(edition)
        if registration.holds_place:
            sub_forum_ids = _sub_forum_ids(registration)
            refusal = places.refusal(mode=mode, sub_forum_ids=sub_forum_ids)
            if refusal:
                raise RegistrationError(refusal)
            places.release(mode=registration.mode, sub_forum_ids=sub_forum_ids)
            places.take(mode=mode, sub_forum_ids=sub_forum_ids)
        elif registration.status == RegistrationStatus.WAITLISTED:
            registration.waitlisted_at = timezone.now()
        registration.mode = mode
        registration.save()
        _promote(edition, places)
        registration.refresh_from_db()
        return registration


def _check_changeable(registration: Registration) -> None:
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED):
        raise RegistrationError(_("This registration can no longer be changed."))
    if registration.checked_in_at:
        raise RegistrationError(_("This attendee has already been checked in."))


def delete_registration(*, registration: Registration) -> None:
    """Erase a registration at the attendee's request.

    Side effects: the registration and the outbox messages sent to its address for it are
    deleted; a place it held goes to the waitlist (each promoted attendee is emailed).
    No email confirms the deletion: there is nothing left to write to.
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        held_place = registration.holds_place
        _erase_outbox(registration.email, leaving=registration)
        registration.delete()
        if held_place:
            _promote(edition, Places.count(edition))


def _erase_outbox(address: str, *, leaving: Registration) -> None:
    """Delete the outbox messages sent to ``address`` about the registration that is leaving.

    Messages are not linked to registrations; when the address has another registration
    (another edition), those sent since that one was made are kept: they may be about it.
    """
    messages = Email.objects.filter(to=address)
    others = Registration.objects.filter(email=address).exclude(pk=leaving.pk)
    first_other = others.aggregate(first=Min("created_at"))["first"]
    if first_other is not None:
        messages = messages.filter(created__lt=first_other)
    messages.delete()


def revoke_links(*, registration: Registration) -> Registration:
    """Invalidate every personal link sent so far, e.g. when one was forwarded by mistake.

    Side effects: the attendee is emailed a new link to their personal page.
    """
    with transaction.atomic():
        registration.access_secret = new_access_secret()
        registration.save(update_fields=["access_secret", "updated_at"])
        emails.send(Kind.REGISTRATION_LINK, registration)
        return registration


def check_in(*, registration: Registration, by: AbstractBaseUser) -> CheckIn:
    """Record that an on-site attendee arrived, once.

    Side effects: the first check-in stores the time and the staff member; a repeated one
    changes nothing and reports when the first happened. Raises `RegistrationError` for a
    registration without a ticket (not confirmed, cancelled, waitlisted, online).
    """
    if not registration.has_ticket:
        raise RegistrationError(_no_ticket_reason(registration))
    return _record_presence(registration, by=by)


def record_online_presence(*, registration: Registration) -> CheckIn:
    """Count a confirmed online attendee as present when they first open a meeting link."""
    if not registration.may_see_online_links:
        raise RegistrationError(_("Only confirmed online attendees receive these links."))
    return _record_presence(registration, by=None)


def _record_presence(registration: Registration, *, by) -> CheckIn:
    with transaction.atomic():
        # One conditional UPDATE: two desks scanning the same ticket cannot both win.
        updated = Registration.objects.filter(
            pk=registration.pk,
            checked_in_at__isnull=True,
            status__in=RegistrationStatus.holding_place(),
        ).update(checked_in_at=timezone.now(), checked_in_by=by)
        registration.refresh_from_db()
        if updated:
            return CheckIn(registration)
        if not registration.holds_place:
            raise RegistrationError(_no_ticket_reason(registration))
        return CheckIn(registration, first_checked_in_at=registration.checked_in_at)


def _no_ticket_reason(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CANCELLED:
        return _("This registration was cancelled.")
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("This registration is still on the waitlist.")
    if not registration.holds_place:
        return _("This registration is not confirmed (%(status)s).") % {
            "status": registration.get_status_display()
        }
    return _("This is an online registration; it has no seat in the venue.")


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


# What is left of a registration after the retention period: a name that says so and an
# address that is unique (one registration per address and edition) yet can never be delivered
# (".invalid" is reserved by RFC 2606). Not translated: it is stored data, not a message.
ANONYMIZED_NAME = "Anonymized"
ERASED_FIELDS = (
    "name_original",
    "organization",
    "position",
    "dietary_needs",
    "accessibility_needs",
)


def anonymized_email(registration: Registration) -> str:
    return f"anonymized-{registration.pk}@anonymized.invalid"


def anonymize(*, registration: Registration) -> bool:
    """Erase the personal data of a registration whose edition has ended (retention).

    Side effects: the name becomes "Anonymized", the email a unique undeliverable address;
    the name in original script, organization, position, needs and passport data are
    cleared; the personal links stop working; the outbox messages sent to the address are
    deleted (`_erase_outbox`). What statistics count stays: edition, category, country, type
    of organization, mode, sub-forums, status, language, consents and every time stamp
    (check-in included). Returns ``False`` when it was anonymized already. Raises
    `RegistrationError` while the edition has not ended.
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(pk=registration.pk, anonymized_at__isnull=True)
            .first()
        )
        if registration is None:
            return False
        edition = registration.edition
        if edition.end_date >= timezone.localdate(timezone=edition.tzinfo):
            raise RegistrationError(
                _("Registrations are anonymized only after their edition has ended.")
            )
        _erase_outbox(registration.email, leaving=registration)
        registration.name = ANONYMIZED_NAME
        registration.email = anonymized_email(registration)
        for name in ERASED_FIELDS:
            setattr(registration, name, "")
        registration.clear_passport_data()
        registration.access_secret = new_access_secret()
        registration.anonymized_at = timezone.now()
        registration.save()
        return True
