"""Locking an edition's row, and the registration with it, before places are counted."""

from django.db import OperationalError, connection
from django.utils.translation import gettext as _

from events.models import Edition

from ..models import Registration
from .exceptions import RegistrationBusy, RegistrationError

# How long a request waits for another one holding the edition's lock before giving up.
LOCK_TIMEOUT_MS = 5000


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
