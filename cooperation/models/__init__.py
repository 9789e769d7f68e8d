"""The cooperation board: offers and needs, meeting requests and the matchmaking sessions.

One module per cluster, every public name re-exported here: import from `cooperation.models`.
"""

from .items import Category, CooperationItem, CooperationItemQuerySet, ItemStatus, Kind
from .meetings import (
    MeetingBooking,
    MeetingParticipant,
    MeetingRequest,
    MeetingRequestQuerySet,
    MeetingSession,
    RequestStatus,
)

__all__ = [
    "Category",
    "CooperationItem",
    "CooperationItemQuerySet",
    "ItemStatus",
    "Kind",
    "MeetingBooking",
    "MeetingParticipant",
    "MeetingRequest",
    "MeetingRequestQuerySet",
    "MeetingSession",
    "RequestStatus",
]
