"""Issuing and revoking the documents that can be verified: visa invitation letters and
certificates of attendance.

Each document is a row of `IssuedDocument` with an unguessable serial number, who issued it and
when; a registration has at most one valid document of each kind. The PDFs are drawn from the
registration when downloaded (`attendees.documents`), so the data a visa letter prints (name,
organization, passport data: `Use.VISA_LETTER`) cannot change while the letter is valid
(`printed_fields`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import emails
from ..documents.serials import initials
from ..emails import Kind
from ..models import DocumentKind, IssuedDocument, Registration
from ..models.registration_fields import Use, names
from .exceptions import RegistrationError

# What a person can change that the visa letter prints, and the request for the letter: while
# it is valid, they stay as printed (organizers revoke the letter, the attendee corrects the
# data, organizers issue a new one).
VISA_LETTER_FIELDS = (
    *names(Use.VISA_LETTER, Use.ORGANIZER_EDITABLE),
    "needs_visa_letter",
)

# Why a letter was withdrawn without an organizer (stored data, shown in the admin only).
REVOKED_CANCELLED = "Registration cancelled"
REVOKED_DELETED = "Registration deleted at the attendee's request"
REVOKED_ONLINE = "Attendee switched to online participation"


def valid_document(registration: Registration, kind: str) -> IssuedDocument | None:
    return registration.documents.valid().filter(kind=kind).first()


def last_revoked(registration: Registration, kind: str) -> IssuedDocument | None:
    return registration.documents.filter(kind=kind, revoked_at__isnull=False).first()


def visa_letter_refusal(registration: Registration) -> str | None:
    """Why no visa letter can be issued for the registration now, or ``None``."""
    if not registration.needs_visa_letter:
        return _("This registration did not ask for a visa invitation letter.")
    if registration.is_anonymized:
        return _("This registration has been anonymized.")
    if not registration.has_ticket:
        return _("Visa invitation letters are for on-site attendees whose place is confirmed.")
    if not (
        registration.nationality and registration.passport_number and registration.date_of_birth
    ):
        return _("The passport data the letter needs is incomplete.")
    return None


def certificate_refusal(registration: Registration) -> str | None:
    """Why the registration gets no certificate of attendance now, or ``None``.

    Certificates are for attendees checked in at the desk or counted present online, from the
    edition's first day (in its time zone), so that someone leaving early can take one along.
    """
    if registration.checked_in_at is None:
        return _("Certificates of attendance are for attendees who took part (checked in).")
    if registration.is_anonymized:
        return _("This registration has been anonymized.")
    edition = registration.edition
    if timezone.localdate(timezone=edition.tzinfo) < edition.start_date:
        return _("Certificates of attendance are available from the first day of the conference.")
    return None


def _locked_registration(registration: Registration) -> Registration:
    fresh = (
        Registration.objects.select_for_update()
        .select_related("edition")
        .filter(pk=registration.pk)
        .first()
    )
    if fresh is None:
        raise RegistrationError(_("This registration no longer exists."))
    return fresh


def _create(registration: Registration, kind: str, by) -> IssuedDocument:
    return IssuedDocument.objects.create(
        kind=kind,
        registration=registration,
        edition=registration.edition,
        holder_initials=initials(registration.name or registration.name_original),
        language=registration.language,
        issued_by=by,
    )


def issue_visa_letter(*, registration: Registration, by: AbstractBaseUser) -> IssuedDocument:
    """An organizer approves the visa invitation letter a registration asked for.

    Side effects: records the letter (serial number, who issued it, when) and emails the
    attendee, in their language, that it can be downloaded from their personal page. Raises
    `RegistrationError` when the registration did not ask for one, holds no confirmed on-site
    place, lacks passport data, or already has a valid letter.
    """
    with transaction.atomic():
        registration = _locked_registration(registration)
        refusal = visa_letter_refusal(registration)
        if refusal:
            raise RegistrationError(refusal)
        if valid_document(registration, DocumentKind.VISA_LETTER):
            raise RegistrationError(_("The visa invitation letter has already been issued."))
        letter = _create(registration, DocumentKind.VISA_LETTER, by)
        emails.send(Kind.VISA_LETTER, registration)
        return letter


def issue_certificate(
    *, registration: Registration, by: AbstractBaseUser | None = None
) -> IssuedDocument:
    """The registration's certificate of attendance, recorded the first time it is asked for.

    ``by`` is the organizer printing certificates, or ``None`` when the attendee downloads
    their own. Side effects: the first call records the certificate (serial number, who,
    when); later calls return the same one. After a certificate was revoked, only an
    organizer issues a new one. Raises `RegistrationError` when `certificate_refusal` says no.
    """
    refusal = certificate_refusal(registration)
    if refusal:
        raise RegistrationError(refusal)
    existing = valid_document(registration, DocumentKind.CERTIFICATE)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            registration = _locked_registration(registration)
            refusal = certificate_refusal(registration)
            if refusal:
                raise RegistrationError(refusal)
            existing = valid_document(registration, DocumentKind.CERTIFICATE)
            if existing is not None:
                return existing
            if by is None and last_revoked(registration, DocumentKind.CERTIFICATE):
                raise RegistrationError(
                    _(
                        "Your certificate of attendance was withdrawn. Please write to the "
                        "organizers."
                    )
                )
            return _create(registration, DocumentKind.CERTIFICATE, by)
    except IntegrityError:
        # Two first downloads at once on a database without row locks: the other one won.
        existing = valid_document(registration, DocumentKind.CERTIFICATE)
        if existing is None:
            raise
        return existing


def revoke_document(
    *, document: IssuedDocument, by: AbstractBaseUser | None, reason: str = ""
) -> bool:
    """Withdraw a document: verification then says it was revoked, and when.

    Side effects: records who revoked it, when and why; its PDF can no longer be downloaded.
    Returns ``False`` and changes nothing when it was revoked already.
    """
    with transaction.atomic():
        revoked = IssuedDocument.objects.filter(pk=document.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=by, revocation_reason=reason[:300]
        )
        document.refresh_from_db()
        return bool(revoked)


def withdraw_visa_letter(registration: Registration, *, reason: str) -> None:
    """Revoke the valid visa letter of a registration that no longer comes on-site.

    Called inside the transaction of the change (cancel, delete, switch to online).
    """
    registration.documents.valid().visa_letters().update(
        revoked_at=timezone.now(), revocation_reason=reason
    )


def forget_holder(registration: Registration) -> None:
    """Before a registration is erased at the attendee's request: its documents stay
    verifiable as genuine or revoked, without the holder's initials."""
    withdraw_visa_letter(registration, reason=REVOKED_DELETED)
    registration.documents.update(holder_initials="")


def printed_fields(registration: Registration) -> tuple[str, ...]:
    """The fields the attendee may not change now, because a valid document prints them."""
    if registration.pk and valid_document(registration, DocumentKind.VISA_LETTER):
        return VISA_LETTER_FIELDS
    return ()


def refresh_initials(registration: Registration) -> None:
    """After a name change: what verification shows of valid certificates follows it."""
    registration.documents.valid().certificates().update(
        holder_initials=initials(registration.name or registration.name_original)
    )
