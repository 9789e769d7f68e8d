"""Cancelling registrations while their meetings are accepted and asked for, on PostgreSQL."""

import pytest
from django.db.models import Q

from attendees import services as attendee_services
from attendees.models import Registration, RegistrationStatus
from cooperation import services
from cooperation.models import CooperationItem, MeetingParticipant, MeetingRequest
from tests.attendees.test_concurrency import run_at_once
from tests.cooperation.test_booking_concurrency import confirmed_attendee, pending_requests
from tests.factories import CooperationItemFactory, MeetingSessionFactory, OpenEditionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_cancelling_while_meetings_are_accepted_and_asked_for_leaves_nothing_behind():
    edition = OpenEditionFactory(on_site_capacity=100)
    MeetingSessionFactory(edition=edition, tables=10)
    people = [confirmed_attendee(edition, n) for n in range(18)]
    owners, requesters, latecomers = people[:6], people[6:12], people[12:]
    requests = pending_requests(edition, zip(owners, requesters, strict=True))
    # A second item per owner, asked about by a latecomer at the moment the owner leaves.
    others = [CooperationItemFactory(edition=edition, owner=owner) for owner in owners]

    def work(n):
        pair, role = divmod(n, 3)
        if role == 0:
            return attendee_services.cancel(registration=owners[pair])
        if role == 1:
            return services.accept_request(
                meeting_request=requests[pair], registration=owners[pair]
            )
        return services.request_meeting(
            registration=latecomers[pair], item=others[pair], message=""
        )

    results = run_at_once(3 * len(owners), work)

    unexpected = [
        r
        for r in results
        if isinstance(r, Exception) and not isinstance(r, services.CooperationError)
    ]
    assert unexpected == []
    cancelled = Registration.objects.filter(status=RegistrationStatus.CANCELLED)
    assert cancelled.count() == len(owners)
    involving = Q(requester__in=cancelled) | Q(item__owner__in=cancelled)
    assert not MeetingRequest.objects.open().filter(involving).exists()
    assert not MeetingParticipant.objects.filter(registration__in=cancelled).exists()
    assert not CooperationItem.objects.published().filter(owner__in=cancelled).exists()
