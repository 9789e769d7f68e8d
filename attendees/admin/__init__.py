"""The attendees app in the admin: registrations (with export, email, statistics and the
documents printed from them), the registration settings of each edition, the emails sent to
attendees, and the record of issued documents."""

from . import bulk_email, documents, outbox, registration, statistics  # noqa: F401  (registers them)
