"""What may be done with a registration now, and why not.

Each ``*_refusal`` returns ``None`` when the action is allowed, or the translated reason it is
not; `locked_details` names the details that may not change, each with its reason. The
attendee's personal page and the admin ask these to show or hide an action; the service that
makes the change asks again inside its transaction, on the locked row, so a page that was out
of date is refused with the same reason and nothing is written.

After check-in (at the desk, or online when the attendee first opened a meeting link) the
registration is what the attendee came with: it can no longer be cancelled, nor change its way
of taking part or its sub-forums, and what the name badge and the certificate of attendance
print is locked. The rest (position, needs, consent to the public list) stays the attendee's.
Deleting the registration and its data stays possible at any time (`delete_registration`).
"""

from collections.abc import Mapping
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from events.models import Mode

from ..models import Registration, RegistrationStatus
from ..models.registration_fields import Use, names
from .documents import printed_fields


def change_refusal(registration: Registration) -> str | None:
    """Why the attendee can change nothing of the registration any more, or ``None``."""
    if registration.is_anonymized:
        return _("This registration has been anonymized.")
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED):
        return _("This registration can no longer be changed.")
    return None


def locked_details(registration: Registration) -> dict[str, str]:
    """The details the attendee may not change now (`Use.EDITABLE` names), with the reason.

    What a valid visa letter prints (and the request for it) stays until organizers revoke
    the letter; after check-in, what the badge (on-site) or the certificate prints.
    """
    locks = {}
    if registration.checked_in_at is not None:
        if registration.is_on_site:
            reason = _(
                "Printed on your name badge. Since you have checked in, please ask the "
                "organizers to change it."
            )
            locks.update(dict.fromkeys(names(Use.EDITABLE, Use.BADGE), reason))
        reason = _(
            "Printed on your certificate of attendance. Since you have taken part, please ask "
            "the organizers to change it."
        )
        for name in names(Use.EDITABLE, Use.CERTIFICATE):
            locks.setdefault(name, reason)
    letter = _("Printed on your visa invitation letter. To change it, write to the organizers.")
    # The letter's lock comes last: while a letter is valid, that is the reason to give.
    locks.update(dict.fromkeys(printed_fields(registration), letter))
    return locks


def details_refusal(registration: Registration, details: Mapping[str, Any]) -> str | None:
    """Why these new details (field name → value) cannot be saved, or ``None``."""
    refusal = change_refusal(registration)
    if refusal:
        return refusal
    for name, reason in locked_details(registration).items():
        if name in details and details[name] != getattr(registration, name):
            label = capfirst(Registration._meta.get_field(name).verbose_name)
            return _("%(field)s: %(reason)s") % {"field": label, "reason": reason}
    return None


def switch_mode_refusal(registration: Registration, mode: str | None = None) -> str | None:
    """Why the attendee cannot switch between on-site and online (to ``mode``), or ``None``.

    Whether the other way has a free place is counted by `switch_mode` itself, under the lock.
    """
    refusal = change_refusal(registration)
    if refusal:
        return refusal
    edition = registration.edition
    if edition.mode != Mode.HYBRID and (mode is None or mode != edition.mode):
        return _("This edition offers one way to take part only: %(mode)s.") % {
            "mode": Mode(edition.mode).label
        }
    if registration.checked_in_at is not None:
        return _("You have checked in already: the way you take part can no longer change.")
    return None


def sub_forums_refusal(registration: Registration) -> str | None:
    """Why the attendee cannot choose other sub-forums, or ``None``.

    Whether the chosen sub-forums have free seats is counted by `change_sub_forums` itself.
    """
    refusal = change_refusal(registration)
    if refusal:
        return refusal
    if registration.checked_in_at is not None:
        return _("You have checked in already: your sub-forums can no longer change.")
    return None


def cancel_refusal(registration: Registration) -> str | None:
    """Why the registration cannot be cancelled, or ``None``."""
    if registration.is_anonymized:
        return _("This registration has been anonymized.")
    if registration.status == RegistrationStatus.CANCELLED:
        return _("This registration was cancelled already.")
    if registration.status not in RegistrationStatus.cancellable():
        return _("This registration can no longer be cancelled.")
    if registration.checked_in_at is not None:
        return _("This registration has been checked in: it can no longer be cancelled.")
    return None
