"""Erasing personal data: a registration deleted at the attendee's request, or anonymized
after the retention period, and the outbox messages sent to its address.
"""

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from post_office.models import Email

from .. import signals
from ..capacity import Places
from ..models import Registration
from ..models.registration_fields import Use, names
from .documents import forget_holder
from .exceptions import RegistrationError
from .locking import _locked
from .places import _promote


def delete_registration(*, registration: Registration) -> None:
    """Erase a registration at the attendee's request.

    Side effects: the registration and the outbox messages sent to its address for it are
    deleted; a place it held goes to the waitlist (each promoted attendee is emailed). Its
    issued documents stay verifiable without the holder's initials, a visa letter as revoked.
    No email confirms the deletion: there is nothing left to write to.
    """
    with transaction.atomic():
        edition, registration = _locked(registration)
        held_place = registration.holds_place
        _erase_outbox(registration.email, leaving=registration)
        forget_holder(registration)
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


# What is left of a registration after the retention period: a name that says so and an
# address that is unique (one registration per address and edition) yet can never be delivered
# (".invalid" is reserved by RFC 2606). Not translated: it is stored data, not a message.
ANONYMIZED_NAME = "Anonymized"
# Every field declared `Use.ERASED`: the name and the address are replaced as above, the secret
# of the personal links by a new one (its default), every other field is emptied.
ERASED_FIELDS = names(Use.ERASED)


def anonymized_email(registration: Registration) -> str:
    return f"anonymized-{registration.pk}@anonymized.invalid"


def _erased_value(registration: Registration, name: str):
    if name == "name":
        return ANONYMIZED_NAME
    if name == "email":
        return anonymized_email(registration)
    return Registration._meta.get_field(name).get_default()


def anonymize(*, registration: Registration) -> bool:
    """Erase the personal data of a registration whose edition has ended (retention).

    Side effects (on the fields declared `Use.ERASED`): the name becomes "Anonymized", the
    email a unique undeliverable address;
    the name in original script, organization, position, needs and passport data are
    cleared; the personal links stop working; the outbox messages sent to the address are
    deleted (`_erase_outbox`), what other apps hold about the attendee is erased
    (`signals.personal_data_erasing`), and the registration's earlier versions in the admin's
    history are anonymized the same way. What statistics count stays: edition, category,
    country, type of organization, mode, sub-forums, status, language, consents and every time
    stamp (check-in included), and the issued documents with the holder's initials, so that a
    certificate can still be verified years later. Returns ``False`` when it was anonymized
    already. Raises
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
        # What other apps hold about the attendee goes in the same transaction.
        signals.personal_data_erasing.send(sender=Registration, registration=registration)
        for name in ERASED_FIELDS:
            setattr(registration, name, _erased_value(registration, name))
        registration.anonymized_at = timezone.now()
        registration.save()
        _anonymize_history(registration)
        return True


def _anonymize_history(registration: Registration) -> None:
    """Give every earlier version of the registration its anonymized values too.

    The admin's history keeps a copy of each version (without passport data, which it never
    holds); left alone, those copies would keep the name and address past the retention.
    Who changed what, and when, stays.
    """
    versioned = names(Use.ERASED, without=Use.UNVERSIONED)
    registration.history.update(**{name: getattr(registration, name) for name in versioned})
