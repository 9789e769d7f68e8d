"""Forms sent at once never pass the limit of open items, on PostgreSQL with real transactions."""

import pytest

from attendees.models import Registration
from cooperation import services
from cooperation.models import CooperationItem
from tests.attendees.test_concurrency import run_at_once
from tests.factories import CooperationItemFactory, OpenEditionFactory, RegistrationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_submissions_stop_at_the_limit():
    edition = OpenEditionFactory()
    attendee = RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    for _ in range(services.MAX_OPEN_ITEMS - 2):
        CooperationItemFactory(edition=edition, owner=attendee)

    def submit(n):
        item = CooperationItem(
            kind="need",
            category="talent",
            title_en=f"Need {n}",
            organization_name="Sample",
            organization_type="university",
            country="CN",
            contact_name="Contact",
            contact_email="contact@example.org",
        )
        return services.submit_item(registration=attendee, item=item)

    results = run_at_once(8, submit)
    refused = [r for r in results if isinstance(r, services.CooperationError)]
    assert len(refused) == 6
    assert all(isinstance(r, (CooperationItem, services.CooperationError)) for r in results)
    assert CooperationItem.objects.filter(owner=attendee).count() == services.MAX_OPEN_ITEMS
    # Each took its own address.
    slugs = CooperationItem.objects.filter(owner=attendee).values_list("slug", flat=True)
    assert len(set(slugs)) == services.MAX_OPEN_ITEMS


def test_attendees_publishing_the_same_title_at_once_get_their_own_addresses():
    edition = OpenEditionFactory()
    attendees = [
        RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED) for _ in range(6)
    ]

    def submit(n):
        item = CooperationItem(
            kind="offer",
            category="internship",
            title_en="Internships in steel",
            organization_name="Sample",
            organization_type="enterprise",
            country="CN",
            contact_name="Contact",
            contact_email="contact@example.org",
        )
        return services.submit_item(registration=attendees[n], item=item)

    results = run_at_once(len(attendees), submit)
    assert all(isinstance(r, CooperationItem) for r in results), results
    slugs = list(CooperationItem.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(attendees)
    assert all(slug.startswith("internships-in-steel") for slug in slugs)
