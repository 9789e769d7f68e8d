"""The attendees app in the admin: registrations (with export, email and statistics), the
registration settings of each edition, and the emails sent to attendees."""

from . import bulk_email, registration, statistics  # noqa: F401  (registers the ModelAdmins)
