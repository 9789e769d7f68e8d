"""Registrations of attendees and the registration rules organizers set per edition.

One module per cluster, every public name re-exported here: import from `attendees.models`.
The first migration refers to `attendees.models.new_ticket_code` and `new_access_secret`,
so those two stay importable from here too.
"""

from .bulk_email import BULK_EMAIL_FIELDS, BulkEmail, BulkEmailQuerySet, MessageText
from .documents import (
    SERIAL_LENGTH,
    DocumentKind,
    IssuedDocument,
    IssuedDocumentQuerySet,
    group_serial,
    new_serial,
)
from .registration import (
    TICKET_ALPHABET,
    TICKET_CODE_LENGTH,
    AttendanceMode,
    AttendeeRole,
    Category,
    OrganizationType,
    Registration,
    RegistrationQuerySet,
    RegistrationStatus,
    new_access_secret,
    new_ticket_code,
)
from .registration_settings import RegistrationSettings

__all__ = [
    "BULK_EMAIL_FIELDS",
    "SERIAL_LENGTH",
    "TICKET_ALPHABET",
    "TICKET_CODE_LENGTH",
    "AttendanceMode",
    "AttendeeRole",
    "BulkEmail",
    "BulkEmailQuerySet",
    "Category",
    "DocumentKind",
    "IssuedDocument",
    "IssuedDocumentQuerySet",
    "MessageText",
    "OrganizationType",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationSettings",
    "RegistrationStatus",
    "group_serial",
    "new_access_secret",
    "new_serial",
    "new_ticket_code",
]
