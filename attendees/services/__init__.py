"""Every change of a registration's state, with its rules: places, the waitlist, approval.

Views, admin actions and management commands call these functions; none changes a status itself.
Each function is one transaction. Those that give or free a place lock the edition's row first
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite runs writing transactions one at a time), then
count, then write, so two attendees can never take the last seat together. Emails are stored
in the outbox within the same transaction, with the task a worker sends them by
(`attendees.emails`).

The functions live in modules by what they change (`registration`, `places`, `checkin`,
`reminders`, `erasure`, `documents`); what may be done now, and why not, in `rules` (the
``*_refusal`` functions the pages ask before offering an action). Import them from here:
``services.register(...)``.
"""

from .checkin import CheckIn, check_in, record_online_presence
from .documents import (
    certificate_refusal,
    issue_certificate,
    issue_visa_letter,
    last_revoked,
    printed_fields,
    refresh_initials,
    revoke_document,
    valid_document,
    visa_letter_refusal,
)
from .erasure import (
    ANONYMIZED_NAME,
    ERASED_FIELDS,
    anonymize,
    anonymized_email,
    delete_registration,
)
from .exceptions import RegistrationBusy, RegistrationError
from .locking import LOCK_TIMEOUT_MS
from .places import approve, cancel, promote_waitlist, reject
from .registration import (
    EDITABLE_FIELDS,
    REGISTRATION_FIELDS,
    change_sub_forums,
    confirm_email,
    register,
    resend_link,
    revoke_links,
    switch_mode,
    update_details,
)
from .reminders import send_reminder
from .rules import (
    cancel_refusal,
    change_refusal,
    details_refusal,
    locked_details,
    sub_forums_refusal,
    switch_mode_refusal,
)

__all__ = [
    "ANONYMIZED_NAME",
    "EDITABLE_FIELDS",
    "ERASED_FIELDS",
    "LOCK_TIMEOUT_MS",
    "REGISTRATION_FIELDS",
    "CheckIn",
    "RegistrationBusy",
    "RegistrationError",
    "anonymize",
    "anonymized_email",
    "approve",
    "cancel",
    "cancel_refusal",
    "certificate_refusal",
    "change_refusal",
    "change_sub_forums",
    "check_in",
    "confirm_email",
    "delete_registration",
    "details_refusal",
    "issue_certificate",
    "issue_visa_letter",
    "last_revoked",
    "locked_details",
    "printed_fields",
    "promote_waitlist",
    "record_online_presence",
    "refresh_initials",
    "register",
    "reject",
    "resend_link",
    "revoke_document",
    "revoke_links",
    "send_reminder",
    "sub_forums_refusal",
    "switch_mode",
    "switch_mode_refusal",
    "update_details",
    "valid_document",
    "visa_letter_refusal",
]
