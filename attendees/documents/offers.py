"""What the attendee's personal page offers of their documents, and in which languages."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language_info

from ..models import DocumentKind, IssuedDocument, Registration
from ..services import certificate_refusal


def languages_for(registration: Registration) -> list[tuple[str, str]]:
    """``[(code, name in that language)]``, the registration's language first."""
    codes = [code for code, _name in settings.LANGUAGES]
    codes.sort(key=lambda code: code != registration.language)
    return [(code, get_language_info(code)["name_local"]) for code in codes]


@dataclass(frozen=True)
class PersonalDocuments:
    languages: list[tuple[str, str]] = field(default_factory=list)
    letter_requested: bool = False
    letter: IssuedDocument | None = None
    letter_revoked: IssuedDocument | None = None
    certificate: bool = False
    certificate_revoked: IssuedDocument | None = None
    certificate_later: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.letter_requested
            or self.certificate
            or self.certificate_revoked
            or self.certificate_later
        )


def personal_documents(registration: Registration) -> PersonalDocuments:
    """One query for the registration's documents; the rules are the services' own."""
    documents = list(registration.documents.all())
    valid = {d.kind: d for d in documents if not d.is_revoked}
    revoked = {}
    for document in documents:  # newest first (Meta.ordering)
        if document.is_revoked:
            revoked.setdefault(document.kind, document)
    certificate = DocumentKind.CERTIFICATE in valid or (
        certificate_refusal(registration) is None and DocumentKind.CERTIFICATE not in revoked
    )
    return PersonalDocuments(
        languages=languages_for(registration),
        letter_requested=registration.needs_visa_letter,
        letter=valid.get(DocumentKind.VISA_LETTER),
        letter_revoked=revoked.get(DocumentKind.VISA_LETTER),
        certificate=certificate,
        certificate_revoked=None if certificate else revoked.get(DocumentKind.CERTIFICATE),
        certificate_later=registration.holds_place and registration.checked_in_at is None,
    )
