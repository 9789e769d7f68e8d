"""Counting the places of an edition: on-site seats, sub-forum seats and online places.

Only `attendees.services` uses this, inside a transaction that holds the edition's row lock, so
the counts cannot change between counting and writing.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from events.models import Edition, SubForum

from .models import AttendanceMode, Registration, RegistrationSettings, RegistrationStatus


@dataclass
class _SubForumSeats:
    title: str
    capacity: int
    taken: int


@dataclass
class Places:
    """Places taken in one edition, counted once and then kept up to date in memory."""

    on_site_capacity: int | None
    online_capacity: int | None
    taken: dict[str, int]
    sub_forums: dict[int, _SubForumSeats] = field(default_factory=dict)

    @classmethod
    def count(cls, edition: Edition) -> "Places":
        holding = Registration.objects.holding_place().filter(edition=edition)
        by_mode = dict(
            holding.order_by().values("mode").annotate(n=Count("pk")).values_list("mode", "n")
        )
        limited_sub_forums = (
            SubForum.objects.filter(edition=edition, capacity__isnull=False)
            .annotate(
                taken=Count(
                    "registrations",
                    filter=Q(
                        registrations__status__in=RegistrationStatus.holding_place(),
                        registrations__mode=AttendanceMode.ON_SITE,
                    ),
                )
            )
            .order_by()
        )
        return cls(
            on_site_capacity=edition.on_site_capacity,
            online_capacity=RegistrationSettings.for_edition(edition).online_capacity,
            taken={mode: by_mode.get(mode, 0) for mode in AttendanceMode.values},
            sub_forums={
                sf.pk: _SubForumSeats(title=sf.title, capacity=sf.capacity, taken=sf.taken)
                for sf in limited_sub_forums
            },
        )

    def _capacity(self, mode: str) -> int | None:
        return self.on_site_capacity if mode == AttendanceMode.ON_SITE else self.online_capacity

    def refusal(self, *, mode: str, sub_forum_ids: set[int]) -> str | None:
        """Why there is no place for one more attendee in ``mode``, or ``None`` if there is."""
        capacity = self._capacity(mode)
        if capacity is not None and self.taken[mode] >= capacity:
            if mode == AttendanceMode.ON_SITE:
                return _("All on-site seats are taken.")
            return _("All online places are taken.")
        if mode == AttendanceMode.ON_SITE:
            for pk in sorted(sub_forum_ids):
                seats = self.sub_forums.get(pk)
                if seats and seats.taken >= seats.capacity:
                    return _("All seats in the sub-forum “%(title)s” are taken.") % {
                        "title": seats.title
                    }
        return None

    def take(self, *, mode: str, sub_forum_ids: set[int]) -> None:
        self._add(mode, sub_forum_ids, 1)

    def release(self, *, mode: str, sub_forum_ids: set[int]) -> None:
        self._add(mode, sub_forum_ids, -1)

    def _add(self, mode: str, sub_forum_ids: set[int], n: int) -> None:
        self.taken[mode] += n
        if mode == AttendanceMode.ON_SITE:
            for pk in sub_forum_ids:
                if pk in self.sub_forums:
                    self.sub_forums[pk].taken += n
