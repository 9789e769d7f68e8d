"""What an attendee does with their registration: register, confirm, change it.

Registering, the links by email, confirming the address, the personal details, the sub-forums
and the way of taking part, and revoking the personal links.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Edition, Mode, SubForum

from .. import emails
from ..capacity import Places
from ..emails import Kind
from ..models import (
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    new_access_secret,
)
from ..models.registration_fields import Use, names
from .documents import REVOKED_ONLINE, refresh_initials, withdraw_visa_letter
from .exceptions import RegistrationError
from .locking import _locked
from .places import _place_or_waitlist, _promote, _sub_forum_ids
from .rules import details_refusal, sub_forums_refusal, switch_mode_refusal

# What an attendee may change on their personal page, and what registering takes (sub-forums
# come as their own argument; the consent is stored as the time of registering).
EDITABLE_FIELDS = names(Use.EDITABLE)
REGISTRATION_FIELDS = tuple(
    name for name in names(Use.ASKED) if name not in ("sub_forums", "privacy_consent_at")
)


def _check_choices(edition: Edition, *, mode: str, sub_forums: Iterable[SubForum]) -> None:
    if edition.mode != Mode.HYBRID and mode != edition.mode:
        raise RegistrationError(
            _("This edition offers one way to take part only: %(mode)s.")
            % {"mode": Mode(edition.mode).label}
        )
    if any(sf.edition_id != edition.pk for sf in sub_forums):
        raise RegistrationError(_("Choose sub-forums of this edition only."))


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


def update_details(*, registration: Registration, details: Mapping[str, Any]) -> Registration:
    """Change the personal details an attendee may edit (`EDITABLE_FIELDS`).

    Side effects: passport data is cleared when no visa letter is needed any more; valid
    certificates verify with the new name's initials. Raises `RegistrationError` when
    `details_refusal` says no: a cancelled or rejected registration, or a change of what a
    valid visa letter prints (organizers revoke it first) or, after check-in, of what the
    badge or the certificate prints (`locked_details`).
    """
    with transaction.atomic():
        _edition, registration = _locked(registration)
        refusal = details_refusal(registration, details)
        if refusal:
            raise RegistrationError(refusal)
        changed = [name for name in EDITABLE_FIELDS if name in details]
        for name in changed:
            setattr(registration, name, details[name])
        if not registration.needs_visa_letter:
            registration.clear_passport_data()
        registration.full_clean(exclude=["edition", "sub_forums"])
        registration.save()
        refresh_initials(registration)
        return registration


def change_sub_forums(
    *, registration: Registration, sub_forums: Iterable[SubForum]
) -> Registration:
    """Choose other sub-forums.

    Side effects: an on-site attendee holding a seat keeps it only if every newly chosen
    sub-forum has a free seat (else nothing changes and `RegistrationError` says which is
    full); seats left behind go to the waitlist. A waitlisted attendee may get a place at
    once when the new choice fits (email "promoted"). Refused when `sub_forums_refusal` says
    no (e.g. after check-in).
    """
    sub_forums = list(sub_forums)
    with transaction.atomic():
        edition, registration = _locked(registration)
        refusal = sub_forums_refusal(registration)
        if refusal:
            raise RegistrationError(refusal)
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
    when one is free there (email "promoted"). Going online revokes a valid visa letter.
    Refused when `switch_mode_refusal` says no (e.g. after check-in).
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        refusal = switch_mode_refusal(registration, mode)
        if refusal:
            raise RegistrationError(refusal)
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
        if mode == AttendanceMode.ONLINE:
            withdraw_visa_letter(registration, reason=REVOKED_ONLINE)
        _promote(edition, places)
        registration.refresh_from_db()
        return registration


def revoke_links(*, registration: Registration) -> Registration:
    """Invalidate every personal link sent so far, e.g. when one was forwarded by mistake.

    Side effects: the attendee is emailed a new link to their personal page.
    """
    with transaction.atomic():
        registration.access_secret = new_access_secret()
        registration.save(update_fields=["access_secret", "updated_at"])
        emails.send(Kind.REGISTRATION_LINK, registration)
        return registration
