"""Presence at the conference: on-site check-in at the desk, online attendance by link."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Registration, RegistrationStatus
from .exceptions import RegistrationError


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    first_checked_in_at: datetime | None = None

    @property
    def is_repeat(self) -> bool:
        return self.first_checked_in_at is not None


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
