"""The organizers' statistics: who is counted, every breakdown, a fixed number of queries, and a
page behind its own permission that draws its charts without any script."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendees import charts, stats
from attendees.models import Registration
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    OpenEditionFactory,
    RegistrationFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db

STATISTICS = "admin:attendees_registration_statistics"
Status = Registration.Status


def rows(breakdown) -> dict[str, int]:
    return {row.label: row.count for row in breakdown}


def registered_on(registration, day: datetime.date, hour: int = 10):
    """Move a registration's creation to ``day`` at ``hour`` in Shanghai."""
    when = datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)
    Registration.objects.filter(pk=registration.pk).update(created_at=when)


@pytest.fixture
def crowd(open_edition, confirmed):
    """Four attendees holding a place (one checked in) and four registrations that do not."""
    forum_a = SubForumFactory(edition=open_edition, title_en="Alloys", order=1)
    forum_b = SubForumFactory(edition=open_edition, title_en="Batteries", order=2)
    SubForumFactory(edition=open_edition, title_en="Ceramics", order=3)
    expert = confirmed(edition=open_edition, sub_forums=[forum_a, forum_b])
    confirmed(
        edition=open_edition,
        country="FR",
        category=Registration.Category.POSTGRADUATE,
        sub_forums=[forum_a],
    )
    confirmed(
        edition=open_edition,
        country="FR",
        mode=Registration.Mode.ONLINE,
        organization_type=Registration.OrganizationType.ENTERPRISE,
    )
    approved = RegistrationFactory(edition=open_edition, status=Status.APPROVED, country="DE")
    Registration.objects.filter(pk=expert.pk).update(checked_in_at=expert.confirmed_at)
    RegistrationFactory(edition=open_edition, country="JP")  # unconfirmed
    RegistrationFactory(edition=open_edition, status=Status.PENDING_APPROVAL, country="JP")
    RegistrationFactory(
        edition=open_edition,
        status=Status.WAITLISTED,
        waitlisted_at=approved.created_at,
        country="JP",
    )
    RegistrationFactory(edition=open_edition, status=Status.CANCELLED, country="JP")
    RegistrationFactory(edition=EditionFactory(), status=Status.CONFIRMED, country="US")
    return open_edition


def test_only_registrations_holding_a_place_are_counted(crowd):
    figures = stats.edition_statistics(crowd)
    assert figures.counted == 4
    assert figures.checked_in == 1
    assert figures.waitlisted == 1
    assert figures.awaiting == 2
    assert rows(figures.by_status) == {
        "Waiting for email confirmation": 1,
        "Waiting for approval": 1,
        "On the waitlist": 1,
        "Confirmed": 3,
        "Approved": 1,
        "Not accepted": 0,
        "Cancelled": 1,
    }


def test_attendees_are_broken_down_by_each_dimension(crowd):
    figures = stats.edition_statistics(crowd)
    assert [(row.label, row.count) for row in figures.by_country] == [
        ("France", 2),
        ("China", 1),
        ("Germany", 1),
    ]
    assert rows(figures.by_category)["Expert or scholar"] == 3
    assert rows(figures.by_category)["Postgraduate student"] == 1
    assert rows(figures.by_category)["Press"] == 0
    assert rows(figures.by_mode) == {"On-site": 3, "Online": 1}
    assert rows(figures.by_organization_type)["University"] == 3
    assert rows(figures.by_organization_type)["Enterprise"] == 1
    assert [(row.label, row.count) for row in figures.by_sub_forum] == [
        ("Alloys", 2),
        ("Batteries", 1),
        ("Ceramics", 0),
    ]


def test_attendees_are_counted_by_the_day_they_registered_in_the_editions_zone(
    open_edition, confirmed
):
    first, second, third = (confirmed(edition=open_edition) for _ in range(3))
    registered_on(first, datetime.date(2030, 3, 1), hour=1)  # still 28 February in UTC
    registered_on(second, datetime.date(2030, 3, 1), hour=23)
    registered_on(third, datetime.date(2030, 3, 4))
    per_day = stats.edition_statistics(open_edition).per_day
    assert [(day.date.isoformat(), day.count) for day in per_day] == [
        ("2030-03-01", 2),
        ("2030-03-02", 0),
        ("2030-03-03", 0),
        ("2030-03-04", 1),
    ]


def test_an_edition_without_registrations_has_empty_statistics(open_edition):
    figures = stats.edition_statistics(open_edition)
    assert figures.counted == 0
    assert figures.by_country == [] and figures.per_day == []
    assert charts.column_chart([], slug="x", title="x").columns == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_statistics_cost_seven_queries_for_any_size(open_edition, confirmed, count):
    forums = [SubForumFactory(edition=open_edition) for _ in range(count)]
    for i in range(count):
        confirmed(edition=open_edition, country=["CN", "FR", "DE"][i], sub_forums=forums)
    with CaptureQueriesContext(connection) as queries:
        stats.edition_statistics(open_edition)
    assert len(queries) == 7


def test_the_longest_bar_is_the_largest_count():
    chart = charts.bar_chart(
        [stats.Row("A", 4), stats.Row("B", 2), stats.Row("C", 0)], slug="s", title="T"
    )
    assert [bar.width for bar in chart.bars] == [charts.BAR_SHARE, charts.BAR_SHARE / 2, 0]
    assert chart.height == 3 * charts.ROW_HEIGHT


def test_the_page_needs_its_permission(client, staff_with, crowd):
    client.force_login(staff_with("view_registration"))
    assert client.get(reverse(STATISTICS)).status_code == 403
    changelist = client.get(reverse("admin:attendees_registration_changelist"))
    assert reverse(STATISTICS) not in changelist.content.decode()


def test_the_list_links_to_the_page(client, staff_with, crowd):
    client.force_login(staff_with("view_registration", "view_statistics"))
    changelist = client.get(reverse("admin:attendees_registration_changelist"))
    assert reverse(STATISTICS) in changelist.content.decode()


def test_the_page_draws_every_chart_with_a_title_and_a_table(client, staff_with, crowd):
    client.force_login(staff_with("view_statistics"))
    response = client.get(reverse(STATISTICS))
    assert response.status_code == 200
    html = response.content.decode().split('id="content-main"')[1].split("<!-- END Content -->")[0]
    assert html.count("<svg") == 7
    assert html.count('role="img"') == 7
    assert html.count("<table>") == 7
    for slug in ("status", "country", "organization-type", "category", "mode", "sub-forum"):
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in html
    assert "Attendees by country or region" in html
    assert "<title>France: 2</title>" in html
    assert "<script" not in html


def test_the_current_edition_is_shown_unless_another_is_chosen(client, staff_with, crowd):
    other = OpenEditionFactory(year=2019, title_en="The 2019 conference")
    RegistrationFactory(edition=other, status=Status.CONFIRMED, country="IT")
    client.force_login(staff_with("view_statistics"))
    current = client.get(reverse(STATISTICS))
    assert current.context["edition"] == crowd
    chosen = client.get(reverse(STATISTICS), {"year": 2019})
    assert chosen.context["edition"] == other
    assert chosen.context["figures"].counted == 1
    assert "Italy" in chosen.content.decode()
    assert client.get(reverse(STATISTICS), {"year": "nonsense"}).context["edition"] == crowd


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_costs_the_same_number_of_queries_for_any_size(
    client, staff_with, open_edition, confirmed, count
):
    forums = [SubForumFactory(edition=open_edition) for _ in range(count)]
    for i in range(count):
        confirmed(edition=open_edition, country=["CN", "FR", "DE"][i], sub_forums=forums)
    EditionFactory.create_batch(count)
    client.force_login(staff_with("view_statistics"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(STATISTICS))
    assert response.status_code == 200
    # Session, user, permissions (2), the editions to choose from, the seven of the statistics.
    assert len(queries) == 12
