"""Giving and freeing places: the waitlist and its promotion, approval, rejection, cancellation.

The private helpers here are shared with the other services that give or free a place; call
them only while holding the edition's lock (`locking`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Edition

from .. import emails, signals
from ..capacity import Places
from ..emails import Kind
from ..models import Registration, RegistrationStatus
from .documents import REVOKED_CANCELLED, withdraw_visa_letter
from .exceptions import RegistrationError
from .locking import _lock_edition, _locked
from .rules import cancel_refusal


def _sub_forum_ids(registration: Registration) -> set[int]:
    return set(registration.sub_forums.values_list("pk", flat=True))


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

    Refused (`RegistrationError`) when `cancel_refusal` says no, e.g. after check-in.

    Side effects: the attendee is emailed; a place it held goes to the waitlist at once
    (each promoted attendee is emailed); a valid visa letter is revoked; the apps above
    (the cooperation board) withdraw the attendee's offers and meetings through
    `signals.registration_cancelled`. The address may register again afterwards.
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        refusal = cancel_refusal(registration)
        if refusal:
            raise RegistrationError(refusal)
        held_place = registration.holds_place
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        withdraw_visa_letter(registration, reason=REVOKED_CANCELLED)
        emails.send(Kind.CANCELLED, registration)
        signals.registration_cancelled.send(sender=Registration, registration=registration)
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
