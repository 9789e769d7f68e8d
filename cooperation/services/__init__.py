"""Every change of the cooperation board's state, with its rules.

Views, admin actions and commands call these functions; none changes a status itself. Each is
one transaction; emails are stored in the outbox in the same transaction (`cooperation.emails`).
What may be done now, and why not, is answered by the ``*_refusal`` functions. Import them from
here: ``services.submit_item(...)``.
"""

from .exceptions import CooperationError
from .items import (
    MAX_OPEN_ITEMS,
    close_item,
    close_refusal,
    publish_item,
    reject_item,
    submit_item,
    submit_refusal,
    unique_slug,
)
from .meetings import (
    MAX_PENDING_REQUESTS,
    accept_request,
    answer_refusal,
    cancel_meeting,
    cancel_refusal,
    decline_request,
    mark_held,
    request_meeting,
    request_refusal,
)
from .withdrawal import withdraw_attendee

__all__ = [
    "MAX_PENDING_REQUESTS",
    "accept_request",
    "answer_refusal",
    "cancel_meeting",
    "cancel_refusal",
    "decline_request",
    "mark_held",
    "request_meeting",
    "request_refusal",
    "MAX_OPEN_ITEMS",
    "CooperationError",
    "close_item",
    "close_refusal",
    "publish_item",
    "reject_item",
    "submit_item",
    "submit_refusal",
    "unique_slug",
    "withdraw_attendee",
]
