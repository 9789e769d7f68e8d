"""Everything stored about one attendee, as they may download it from their personal page."""

from .models import Registration

EXPORTED_FIELDS = (
    "name",
    "name_original",
    "email",
    "organization",
    "organization_type",
    "position",
    "country",
    "category",
    "role",
    "mode",
    "needs_visa_letter",
    "nationality",
    "passport_number",
    "date_of_birth",
    "dietary_needs",
    "accessibility_needs",
    "public_listing_consent",
    "language",
    "status",
    "ticket_code",
    "privacy_consent_at",
    "created_at",
    "confirmation_sent_at",
    "email_confirmed_at",
    "approved_at",
    "rejected_at",
    "waitlisted_at",
    "confirmed_at",
    "cancelled_at",
    "checked_in_at",
    "reminder_sent_at",
    "updated_at",
)


def registration_data(registration: Registration) -> dict:
    """Plain data (JSON-ready with DjangoJSONEncoder): stored values, not translated labels."""
    edition = registration.edition
    data = {"edition": {"year": edition.year, "title": edition.title}}
    for name in EXPORTED_FIELDS:
        value = getattr(registration, name)
        data[name] = str(value.code) if name in ("country", "nationality") else value
    data["sub_forums"] = [
        {"slug": sf.slug, "title": sf.title}
        for sf in registration.sub_forums.order_by("order", "pk")
    ]
    data["documents"] = [
        {
            "kind": document.kind,
            "serial": document.display_serial,
            "issued_at": document.issued_at,
            "revoked_at": document.revoked_at,
        }
        for document in registration.documents.order_by("issued_at", "pk")
    ]
    return data
