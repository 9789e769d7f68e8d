"""Many meetings accepted at the same moment, on PostgreSQL with real concurrent transactions."""

import datetime

import pytest

from cooperation import services
from cooperation.models import MeetingBooking, MeetingParticipant, MeetingRequest
from tests.attendees.test_concurrency import run_at_once
from tests.factories import (
    CooperationItemFactory,
    MeetingSessionFactory,
    OpenEditionFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def confirmed_attendee(edition, n, mode="on_site"):
    from attendees import services as attendee_services

    return attendee_services.confirm_email(
        registration=RegistrationFactory(edition=edition, email=f"p{n}@example.org", mode=mode)
    )


def pending_requests(edition, pairs):
    """``pairs`` of (owner, requester): one published item per owner, one request each."""
    made = []
    for owner, requester in pairs:
        item = CooperationItemFactory(edition=edition, owner=owner)
        made.append(services.request_meeting(registration=requester, item=item, message=""))
    return made


def test_simultaneous_acceptances_never_share_a_table():
    edition = OpenEditionFactory(on_site_capacity=100)
    session = MeetingSessionFactory(edition=edition, tables=3, online_slots=0, video_link="")
    session.ends_at = session.starts_at + datetime.timedelta(minutes=40)  # two slots
    session.save()
    people = [confirmed_attendee(edition, n) for n in range(24)]
    requests = pending_requests(edition, zip(people[:12], people[12:], strict=True))

    results = run_at_once(
        len(requests),
        lambda n: services.accept_request(
            meeting_request=requests[n], registration=requests[n].item.owner
        ),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert MeetingRequest.objects.accepted().count() == 12
    places = list(MeetingBooking.objects.values_list("slot_start", "table"))
    assert len(places) == 6 == len(set(places))


def test_one_person_accepting_many_at_once_is_never_in_two_meetings():
    edition = OpenEditionFactory(on_site_capacity=100)
    MeetingSessionFactory(edition=edition, tables=10)
    owner = confirmed_attendee(edition, 0)
    requesters = [confirmed_attendee(edition, n) for n in range(1, 9)]
    requests = pending_requests(edition, [(owner, requester) for requester in requesters])

    results = run_at_once(
        len(requests),
        lambda n: services.accept_request(meeting_request=requests[n], registration=owner),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    starts = list(
        MeetingParticipant.objects.filter(registration=owner).values_list("slot_start", flat=True)
    )
    assert len(starts) == 6  # two hours of 20-minute slots: six meetings, two left unbooked
    assert len(set(starts)) == len(starts)
    assert MeetingBooking.objects.count() == 6


def test_accepting_and_cancelling_at_once_leave_the_seats_consistent():
    edition = OpenEditionFactory(on_site_capacity=100)
    MeetingSessionFactory(edition=edition, tables=2, online_slots=0, video_link="")
    people = [confirmed_attendee(edition, n) for n in range(16)]
    requests = pending_requests(edition, zip(people[:8], people[8:], strict=True))
    for meeting_request in requests[:4]:
        services.accept_request(
            meeting_request=meeting_request, registration=meeting_request.item.owner
        )

    def work(n):
        meeting_request = requests[n]
        if n < 4:
            return services.cancel_meeting(
                meeting_request=meeting_request, registration=meeting_request.requester
            )
        return services.accept_request(
            meeting_request=meeting_request, registration=meeting_request.item.owner
        )

    results = run_at_once(len(requests), work)

    assert [r for r in results if isinstance(r, Exception)] == []
    bookings = list(MeetingBooking.objects.values_list("session_id", "slot_start", "table"))
    assert len(bookings) == 4 == len(set(bookings))
    assert MeetingParticipant.objects.count() == 2 * len(bookings)
