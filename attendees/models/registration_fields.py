"""What each field of a registration is for, declared once.

Every field of `Registration` is listed in `FIELDS`, in the order a person reads it, with its
uses and the part of the admin page that shows it. The forms, the services, the spreadsheet
export, the personal-data download, retention, the admin and the locks of printed documents all
take their lists of fields from here, so a new field is decided in one line;
`tests/attendees/test_registration_fields.py` fails until it is. How to add a field:
docs/attendees.md ("The fields of a registration").

Only names live here, no import of the model, so that `models.registration` can read it too.
"""

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Use(enum.StrEnum):
    ASKED = "asked"
    """On the registration form, taken by `services.register`."""
    EDITABLE = "editable"
    """Changed by the attendee on their personal page (`DetailsForm`, `update_details`)."""
    ORGANIZER_EDITABLE = "organizer_editable"
    """Changed by organizers on the registration's admin page (the rest is read-only there)."""
    EXPORTED = "exported"
    """A column of the organizers' spreadsheet (CSV, XLSX)."""
    PASSPORT = "passport"
    """Seen only by staff with "Can view passport data": in the admin, and exported (if
    `EXPORTED`) only to them."""
    MASKED = "masked"
    """Never shown back through the attendee's personal link (a link that never expires and
    travels by email): the personal page and the data download show only its last characters
    (`attendees.masking`), and the attendee may replace it, never read it."""
    PERSONAL_DATA = "personal_data"
    """In the JSON the attendee downloads ("everything we store about you")."""
    ERASED = "erased"
    """Erased or replaced when the registration is anonymized after the retention period."""
    UNVERSIONED = "unversioned"
    """Kept out of the admin's history: a copy in every version would outlive its purpose."""
    BADGE = "badge"
    """Printed on the name badge handed out at check-in."""
    VISA_LETTER = "visa_letter"
    """Printed on the visa invitation letter."""
    CERTIFICATE = "certificate"
    """Printed on the certificate of attendance."""


class Section(enum.Enum):
    """The parts of the registration's admin page, in their order."""

    MAIN = "main"
    ATTENDEE = "attendee"
    VISA_LETTER = "visa_letter"
    NEEDS_AND_CONSENT = "needs_and_consent"
    HISTORY = "history"


SECTION_TITLES = {
    Section.MAIN: None,
    Section.ATTENDEE: _("Attendee"),
    Section.VISA_LETTER: _("Visa invitation letter"),
    Section.NEEDS_AND_CONSENT: _("Needs and consent"),
    Section.HISTORY: _("History"),
}


@dataclass(frozen=True)
class RegistrationField:
    name: str
    section: Section | None  # None: not on the admin page
    uses: frozenset[Use]


def _field(name: str, section: Section | None, *uses: Use) -> RegistrationField:
    return RegistrationField(name, section, frozenset(uses))


_MAIN, _ATTENDEE, _VISA = Section.MAIN, Section.ATTENDEE, Section.VISA_LETTER
_NEEDS, _HISTORY = Section.NEEDS_AND_CONSENT, Section.HISTORY
_ASKED, _EDIT, _ORG, _EXPORT, _DATA = (
    Use.ASKED,
    Use.EDITABLE,
    Use.ORGANIZER_EDITABLE,
    Use.EXPORTED,
    Use.PERSONAL_DATA,
)
_PASSPORT, _ERASED, _UNVERSIONED, _MASKED = Use.PASSPORT, Use.ERASED, Use.UNVERSIONED, Use.MASKED
_BADGE, _LETTER, _CERT = Use.BADGE, Use.VISA_LETTER, Use.CERTIFICATE
_ATTENDEE_TYPED = (_ASKED, _EDIT, _ORG, _EXPORT, _DATA)

FIELDS: tuple[RegistrationField, ...] = (
    _field("id", None, _EXPORT),
    _field("edition", _MAIN, _EXPORT, _DATA, _BADGE, _LETTER, _CERT),
    _field("name", _ATTENDEE, *_ATTENDEE_TYPED, _ERASED, _BADGE, _LETTER, _CERT),
    _field("name_original", _ATTENDEE, *_ATTENDEE_TYPED, _ERASED, _BADGE, _LETTER, _CERT),
    # Who the registration belongs to: changed by registering again, not edited.
    _field("email", _ATTENDEE, _ASKED, _EXPORT, _DATA, _ERASED),
    _field("organization", _ATTENDEE, *_ATTENDEE_TYPED, _ERASED, _BADGE, _LETTER),
    _field("organization_type", _ATTENDEE, *_ATTENDEE_TYPED),
    _field("position", _ATTENDEE, *_ATTENDEE_TYPED, _ERASED, _LETTER),
    _field("country", _ATTENDEE, *_ATTENDEE_TYPED, _BADGE),
    _field("category", _ATTENDEE, *_ATTENDEE_TYPED, _BADGE),
    _field("role", _ATTENDEE, _ORG, _EXPORT, _DATA, _BADGE, _CERT),
    # Mode and sub-forums take places: changed through their own services, never edited.
    _field("mode", _MAIN, _ASKED, _EXPORT, _DATA, _CERT),
    _field("sub_forums", _MAIN, _ASKED, _EXPORT, _DATA),
    _field("status", _MAIN, _EXPORT, _DATA),
    _field("language", _ATTENDEE, _EXPORT, _DATA),
    _field("needs_visa_letter", _VISA, *_ATTENDEE_TYPED),
    _field("nationality", _VISA, *_ATTENDEE_TYPED, _PASSPORT, _ERASED, _UNVERSIONED, _LETTER),
    # Enough, with the name, to impersonate someone: never read back through the personal link.
    _field(
        "passport_number",
        _VISA,
        *_ATTENDEE_TYPED,
        _PASSPORT,
        _MASKED,
        _ERASED,
        _UNVERSIONED,
        _LETTER,
    ),
    _field(
        "date_of_birth", _VISA, *_ATTENDEE_TYPED, _PASSPORT, _MASKED, _ERASED, _UNVERSIONED, _LETTER
    ),
    _field("dietary_needs", _NEEDS, *_ATTENDEE_TYPED, _ERASED),
    _field("accessibility_needs", _NEEDS, *_ATTENDEE_TYPED, _ERASED),
    # Asked as a checkbox ("privacy_consent"); the service stores when it was given.
    _field("privacy_consent_at", _NEEDS, _ASKED, _DATA),
    _field("public_listing_consent", _NEEDS, *_ATTENDEE_TYPED),
    _field("ticket_code", _HISTORY, _EXPORT, _DATA, _BADGE),
    # The secret in the personal links: replaced on erasure, so that the old links stop working.
    _field("access_secret", None, _ERASED, _UNVERSIONED),
    _field("created_at", _HISTORY, _EXPORT, _DATA),
    _field("confirmation_sent_at", _HISTORY, _DATA),
    _field("email_confirmed_at", _HISTORY, _EXPORT, _DATA),
    _field("approved_at", _HISTORY, _DATA),
    _field("rejected_at", _HISTORY, _DATA),
    _field("reviewed_by", _HISTORY),  # a staff account, not the attendee's data
    _field("waitlisted_at", _HISTORY, _DATA),
    _field("confirmed_at", _HISTORY, _EXPORT, _DATA),
    _field("cancelled_at", _HISTORY, _DATA),
    _field("checked_in_at", _HISTORY, _EXPORT, _DATA),
    _field("checked_in_by", _HISTORY),  # a staff account, not the attendee's data
    _field("reminder_sent_at", _HISTORY, _DATA),
    _field("anonymized_at", _HISTORY),
    _field("updated_at", _HISTORY, _DATA),
)

BY_NAME = {field.name: field for field in FIELDS}


def names(*uses: Use, without: Use | tuple[Use, ...] = ()) -> tuple[str, ...]:
    """The fields with every one of ``uses`` and none of ``without``, in reading order."""
    without = (without,) if isinstance(without, Use) else without
    return tuple(
        field.name
        for field in FIELDS
        if field.uses.issuperset(uses) and field.uses.isdisjoint(without)
    )


def admin_fieldsets() -> list[tuple]:
    """The admin page's fieldsets: each section's fields in reading order, the history folded."""
    fieldsets = []
    for section in Section:
        options = {"fields": [field.name for field in FIELDS if field.section is section]}
        if section is Section.HISTORY:
            options["classes"] = ["collapse"]
        fieldsets.append((SECTION_TITLES[section], options))
    return fieldsets
