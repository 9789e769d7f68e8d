"""Figures about an edition's registrations: the organizers' statistics and the home page.

Who is counted: a registration that holds a place, confirmed or approved (checked-in attendees
are among them: checking in needs a place). Registrations still waiting (unconfirmed, pending
approval, waitlisted) or that ended (cancelled, rejected) are not attendees; the statistics
show them by status only. Anonymized registrations keep what is counted here.

Each function runs a fixed number of aggregate queries, whatever the number of registrations.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django_countries import countries

from events.models import Edition, SubForum

from .models import (
    AttendanceMode,
    Category,
    OrganizationType,
    Registration,
    RegistrationStatus,
)

COUNTED_STATES = RegistrationStatus.holding_place()


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class Day:
    date: datetime.date
    count: int


@dataclass(frozen=True)
class EditionStatistics:
    counted: int
    checked_in: int
    waitlisted: int
    awaiting: int  # unconfirmed email or pending approval
    by_status: list[Row]
    by_country: list[Row]
    by_organization_type: list[Row]
    by_category: list[Row]
    by_mode: list[Row]
    by_sub_forum: list[Row]
    per_day: list[Day]


def counted_registrations(edition: Edition):
    return Registration.objects.filter(edition=edition, status__in=COUNTED_STATES)


def edition_statistics(edition: Edition) -> EditionStatistics:
    """Everything the statistics page shows for ``edition``, in seven queries."""
    statuses, checked_in = _statuses(edition)
    counted_qs = counted_registrations(edition)
    return EditionStatistics(
        counted=sum(statuses[status] for status in COUNTED_STATES),
        checked_in=checked_in,
        waitlisted=statuses[RegistrationStatus.WAITLISTED],
        awaiting=statuses[RegistrationStatus.UNCONFIRMED]
        + statuses[RegistrationStatus.PENDING_APPROVAL],
        by_status=[Row(status.label, statuses[status]) for status in RegistrationStatus],
        by_country=_by_country(counted_qs),
        by_organization_type=_by_choice(counted_qs, "organization_type", OrganizationType),
        by_category=_by_choice(counted_qs, "category", Category),
        by_mode=_by_choice(counted_qs, "mode", AttendanceMode),
        by_sub_forum=_by_sub_forum(edition),
        per_day=_per_day(counted_qs, edition),
    )


def _statuses(edition: Edition) -> tuple[dict[str, int], int]:
    """The number of registrations in each status (zeros included), and of those checked in."""
    rows = (
        Registration.objects.filter(edition=edition)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)))
    )
    statuses = dict.fromkeys(RegistrationStatus.values, 0)
    checked_in = 0
    for row in rows:
        statuses[row["status"]] = row["n"]
        checked_in += row["checked_in"]
    return statuses, checked_in


def _grouped(queryset, field: str) -> dict[str, int]:
    return dict(queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))


def _by_choice(queryset, field: str, choices) -> list[Row]:
    """One row per choice, in the order the form offers them, zeros included."""
    counts = _grouped(queryset, field)
    return [Row(choice.label, counts.get(choice.value, 0)) for choice in choices]


def _by_country(queryset) -> list[Row]:
    """The countries attendees come from, most attendees first."""
    rows = [
        Row(countries.name(code) or code, n) for code, n in _grouped(queryset, "country").items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def _by_sub_forum(edition: Edition) -> list[Row]:
    """Every sub-forum in program order; an attendee counts in each sub-forum they chose."""
    sub_forums = (
        SubForum.objects.filter(edition=edition)
        .annotate(n=Count("registrations", filter=Q(registrations__status__in=COUNTED_STATES)))
        .order_by("order", "pk")
    )
    return [Row(sub_forum.title, sub_forum.n) for sub_forum in sub_forums]


def _per_day(queryset, edition: Edition) -> list[Day]:
    """Attendees by the day they registered (in the edition's time zone), gaps as zeros."""
    counts = dict(
        queryset.order_by()
        .annotate(day=TruncDate("created_at", tzinfo=edition.tzinfo))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [
        Day(day, counts.get(day, 0))
        for day in (first + datetime.timedelta(days=i) for i in range((last - first).days + 1))
    ]


@dataclass(frozen=True)
class Figure:
    number: int
    entered: bool  # typed in by organizers (a rounded "300+"), else counted from registrations


@dataclass(frozen=True)
class HeadlineFigures:
    countries: Figure | None
    experts: Figure | None
    postgraduates: Figure | None

    def __bool__(self):
        return any((self.countries, self.experts, self.postgraduates))


def headline_figures(edition: Edition) -> HeadlineFigures:
    """The home page's figures: those organizers entered, else those counted (at most 1 query).

    A figure that is neither entered nor counted (no attendee yet) is ``None``.
    """
    entered = {
        "countries": edition.countries_count,
        "experts": edition.experts_count,
        "postgraduates": edition.postgraduates_count,
    }
    counted = {}
    if any(value is None for value in entered.values()):
        counted = counted_registrations(edition).aggregate(
            countries=Count("country", distinct=True),
            experts=Count("pk", filter=Q(category=Category.EXPERT)),
            postgraduates=Count("pk", filter=Q(category=Category.POSTGRADUATE)),
        )

    def figure(name: str) -> Figure | None:
        if entered[name] is not None:
            return Figure(entered[name], entered=True) if entered[name] else None
        return Figure(counted[name], entered=False) if counted[name] else None

    return HeadlineFigures(
        countries=figure("countries"),
        experts=figure("experts"),
        postgraduates=figure("postgraduates"),
    )


@dataclass(frozen=True)
class DeskFigures:
    """What the admin home shows of an edition's registrations at a glance."""

    total: int
    by_status: list[Row]
    by_mode: list[Row]  # every registration, whatever its status
    checked_in_today: int  # today on the edition's clock
    waitlisted: int


def desk_figures(edition: Edition, now: datetime.datetime) -> DeskFigures:
    """Registrations by status and by mode, today's check-ins and the waitlist, in one query."""
    today = now.astimezone(edition.tzinfo).date()
    start = datetime.datetime.combine(today, datetime.time(), edition.tzinfo)
    end = start + datetime.timedelta(days=1)
    rows = (
        Registration.objects.filter(edition=edition)
        .order_by()
        .values("status", "mode")
        .annotate(
            n=Count("pk"),
            today=Count("pk", filter=Q(checked_in_at__gte=start, checked_in_at__lt=end)),
        )
    )
    statuses = dict.fromkeys(RegistrationStatus.values, 0)
    modes = dict.fromkeys(AttendanceMode.values, 0)
    checked_in_today = 0
    for row in rows:
        statuses[row["status"]] += row["n"]
        modes[row["mode"]] += row["n"]
        checked_in_today += row["today"]
    return DeskFigures(
        total=sum(statuses.values()),
        by_status=[Row(status.label, statuses[status]) for status in RegistrationStatus],
        by_mode=[Row(mode.label, modes[mode]) for mode in AttendanceMode],
        checked_in_today=checked_in_today,
        waitlisted=statuses[RegistrationStatus.WAITLISTED],
    )
