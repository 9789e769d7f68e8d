"""Figures about an edition's cooperation board, for the organizers' statistics page.

Items are counted when they reached the board: published, or closed by their owner after.
Requests and meetings are counted by status. A fixed number of aggregate queries, whatever
the number of items.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django_countries import countries

from attendees.models import OrganizationType
from attendees.stats import Row
from events.models import Edition, Topic

from .models import (
    Category,
    CooperationItem,
    ItemStatus,
    Kind,
    MeetingBooking,
    MeetingRequest,
    RequestStatus,
)

COUNTED_STATES = [ItemStatus.PUBLISHED, ItemStatus.CLOSED]


@dataclass(frozen=True)
class BoardStatistics:
    counted: int
    awaiting_moderation: int
    requests_sent: int
    requests_accepted: int
    meetings_booked: int
    meetings_held: int
    by_status: list[Row]
    by_kind: list[Row]
    by_category: list[Row]
    by_topic: list[Row]
    by_country: list[Row]
    by_organization_type: list[Row]
    requests_by_status: list[Row]


def counted_items(edition: Edition):
    """The items that reached the board (published, or closed after)."""
    return CooperationItem.objects.filter(
        edition=edition, status__in=COUNTED_STATES, published_at__isnull=False
    )


def _grouped(queryset, field: str) -> dict[str, int]:
    return dict(queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))


def _by_choice(counts: dict[str, int], choices) -> list[Row]:
    return [Row(choice.label, counts.get(choice.value, 0)) for choice in choices]


def _by_topic(edition: Edition) -> list[Row]:
    topics = (
        Topic.objects.filter(edition=edition)
        .annotate(
            n=Count(
                "cooperation_items",
                filter=Q(
                    cooperation_items__status__in=COUNTED_STATES,
                    cooperation_items__published_at__isnull=False,
                ),
            )
        )
        .order_by("order", "pk")
    )
    return [Row(topic.title, topic.n) for topic in topics]


def _by_country(queryset) -> list[Row]:
    rows = [
        Row(countries.name(code) or code, n) for code, n in _grouped(queryset, "country").items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def board_statistics(edition: Edition) -> BoardStatistics:
    """Everything the statistics page shows for ``edition``, in nine queries."""
    statuses = _grouped(CooperationItem.objects.filter(edition=edition), "status")
    counted = counted_items(edition)
    requests = _grouped(MeetingRequest.objects.filter(item__edition=edition), "status")
    bookings = MeetingBooking.objects.filter(session__edition=edition).aggregate(
        booked=Count("pk"), held=Count("pk", filter=Q(held_at__isnull=False))
    )
    return BoardStatistics(
        counted=counted.count(),
        awaiting_moderation=statuses.get(ItemStatus.SUBMITTED, 0),
        requests_sent=sum(requests.values()),
        requests_accepted=requests.get(RequestStatus.ACCEPTED, 0),
        meetings_booked=bookings["booked"],
        meetings_held=bookings["held"],
        by_status=_by_choice(statuses, ItemStatus),
        by_kind=_by_choice(_grouped(counted, "kind"), Kind),
        by_category=_by_choice(_grouped(counted, "category"), Category),
        by_topic=_by_topic(edition),
        by_country=_by_country(counted),
        by_organization_type=_by_choice(_grouped(counted, "organization_type"), OrganizationType),
        requests_by_status=_by_choice(requests, RequestStatus),
    )
