"""Everything stored about one attendee, as they may download it from their personal page.

The fields are those declared `Use.PERSONAL_DATA` (`attendees.models.registration_fields`);
those declared `Use.MASKED` are given masked, as the personal page shows them: the download is
reached through the same link, which travels by email.
"""

from django_countries.fields import CountryField

from . import signals
from .masking import masked
from .models import Registration
from .models.registration_fields import Use, names

EXPORTED_FIELDS = names(Use.PERSONAL_DATA)
# Downloaded through the personal link, as the page shows them: masked (docs/security.md).
MASKED_FIELDS = names(Use.MASKED)


def _value(registration: Registration, name: str):
    field = Registration._meta.get_field(name)
    value = getattr(registration, name)
    if name == "edition":
        return {"year": value.year, "title": value.title}
    if name == "sub_forums":
        return [{"slug": sf.slug, "title": sf.title} for sf in value.order_by("order", "pk")]
    if isinstance(field, CountryField):
        return str(value.code)
    if name in MASKED_FIELDS:
        return masked(value)
    return value


def registration_data(registration: Registration) -> dict:
    """Plain data (JSON-ready with DjangoJSONEncoder): stored values, not translated labels."""
    data = {name: _value(registration, name) for name in EXPORTED_FIELDS}
    data["documents"] = [
        {
            "kind": document.kind,
            "serial": document.display_serial,
            "issued_at": document.issued_at,
            "revoked_at": document.revoked_at,
        }
        for document in registration.documents.order_by("issued_at", "pk")
    ]
    # What other apps hold about the attendee (their offers and needs on the cooperation board).
    data.update(signals.exported_data(registration))
    return data
