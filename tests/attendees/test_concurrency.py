"""Many attendees at once for few seats, on PostgreSQL with real concurrent transactions."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connections

from attendees import services
from attendees.models import Registration
from tests.factories import OpenEditionFactory

Status = Registration.Status
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 20
SEATS = 5


def details(n, email=None):
    return {
        "name": f"Attendee {n}",
        "email": email or f"attendee{n}@example.org",
        "organization": "University",
        "organization_type": "university",
        "country": "CN",
        "category": "expert",
        "mode": "on_site",
    }


def run_at_once(count, work):
    """Run ``work(n)`` in ``count`` threads released together; returns results or exceptions."""
    barrier = threading.Barrier(count)

    def task(n):
        try:
            barrier.wait()
            return work(n)
        except Exception as error:  # noqa: BLE001 - reported by the test, not swallowed
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(task, range(count)))
    close_old_connections()
    return results


def test_simultaneous_registrations_never_overbook_nor_lose_anyone(run_tasks, mailoutbox):
    edition = OpenEditionFactory(on_site_capacity=SEATS)

    def register_and_confirm(n):
        registration, created = services.register(
            edition=edition, details=details(n), sub_forums=[], language="en"
        )
        assert created
        return services.confirm_email(registration=registration)

    results = run_at_once(PEOPLE, register_and_confirm)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == SEATS
    assert statuses.count(Status.WAITLISTED) == PEOPLE - SEATS
    assert Registration.objects.count() == PEOPLE
    positions = sorted(
        r.waitlist_position() for r in Registration.objects.filter(status=Status.WAITLISTED)
    )
    assert positions == list(range(1, PEOPLE - SEATS + 1))
    # Each attendee gets the confirmation link, then "confirmed" or "waitlisted".
    run_tasks()
    assert len(mailoutbox) == 2 * PEOPLE


def test_simultaneous_cancellations_promote_each_free_seat_exactly_once():
    edition = OpenEditionFactory(on_site_capacity=SEATS)
    everyone = []
    for n in range(SEATS * 2):
        registration, _ = services.register(
            edition=edition, details=details(n), sub_forums=[], language="en"
        )
        everyone.append(services.confirm_email(registration=registration))
    seated = [r for r in everyone if r.status == Status.CONFIRMED]

    results = run_at_once(len(seated), lambda n: services.cancel(registration=seated[n]))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == SEATS
    assert Registration.objects.filter(status=Status.WAITLISTED).count() == 0


def test_the_same_address_submitted_at_once_makes_one_registration():
    edition = OpenEditionFactory(on_site_capacity=SEATS)

    def register_same(n):
        return services.register(
            edition=edition,
            details=details(n, email="same@example.org"),
            sub_forums=[],
            language="en",
        )

    results = run_at_once(10, register_same)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Registration.objects.filter(email="same@example.org").count() == 1
    assert sum(created for _, created in results) == 1
