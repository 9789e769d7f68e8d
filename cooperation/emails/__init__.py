"""The emails of the cooperation board, in each attendee's language, through attendees' outbox.

Each message is rendered and stored in the outbox inside the transaction of the change that
caused it, with the task that sends it (`attendees.emails.queue`): the change and its email are
saved together or not at all, and no request waits for the mail server. The templates extend
attendees' email frame (templates/emails/base.*), so every message looks the same.
"""

from . import items

__all__ = ["items"]
