"""Where an accepted meeting takes place: a free slot of the edition's meeting sessions.

A slot suits a meeting when neither person has another meeting overlapping it and a place is
free: a table when both take part on site, an online line otherwise. The caller holds the
transaction; `book_slot` locks the two registrations (ordered by key, so two bookings of the
same people queue instead of deadlocking) and then the edition's meeting sessions, whose rows
bound the tables. The unique constraints on bookings and participants hold even if a caller
forgets.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from attendees.models import Registration

from ..models import MeetingBooking, MeetingParticipant, MeetingRequest, MeetingSession


def _overlaps(start, end, busy: list[tuple[datetime.datetime, datetime.datetime]]) -> bool:
    return any(start < busy_end and busy_start < end for busy_start, busy_end in busy)


def _busy_times(registrations) -> list[tuple[datetime.datetime, datetime.datetime]]:
    seats = MeetingParticipant.objects.filter(registration__in=registrations).select_related(
        "booking__session"
    )
    return [(seat.slot_start, seat.booking.slot_end) for seat in seats]


def _used_places(sessions) -> dict[tuple, set[int]]:
    used = defaultdict(set)
    rows = MeetingBooking.objects.filter(session__in=sessions).values_list(
        "session_id", "slot_start", "is_online", "table"
    )
    for session_id, slot_start, is_online, table in rows:
        used[(session_id, slot_start, is_online)].add(table)
    return used


def meets_online(requester: Registration, owner: Registration) -> bool:
    """On site only when both are there; anyone who takes part online meets online."""
    return not (requester.is_on_site and owner.is_on_site)


def book_slot(meeting_request: MeetingRequest, *, now=None) -> MeetingBooking | None:
    """Book the earliest free slot that suits both people, or ``None`` when none is left.

    Call inside a transaction. Side effects: one booking and a seat for each person.
    """
    now = now or timezone.now()
    owner_id = meeting_request.item.owner_id
    people = list(
        Registration.objects.select_for_update()
        .filter(pk__in=[meeting_request.requester_id, owner_id])
        .order_by("pk")
    )
    if len(people) != 2:
        return None
    by_pk = {person.pk: person for person in people}
    online = meets_online(by_pk[meeting_request.requester_id], by_pk[owner_id])
    sessions = list(
        MeetingSession.objects.select_for_update()
        .filter(edition_id=meeting_request.item.edition_id)
        .order_by("pk")
    )
    sessions.sort(key=lambda session: (session.starts_at, session.pk))
    busy = _busy_times(people)
    used = _used_places(sessions)
    for session in sessions:
        places = session.online_slots if online else session.tables
        for start in session.slot_starts():
            end = start + session.slot_length
            if start <= now or _overlaps(start, end, busy):
                continue
            taken = used[(session.pk, start, online)]
            free = next((place for place in range(1, places + 1) if place not in taken), None)
            if free is None:
                continue
            booking = MeetingBooking.objects.create(
                request=meeting_request,
                session=session,
                slot_start=start,
                is_online=online,
                table=free,
            )
            MeetingParticipant.objects.bulk_create(
                MeetingParticipant(booking=booking, registration=person, slot_start=start)
                for person in people
            )
            return booking
    return None
