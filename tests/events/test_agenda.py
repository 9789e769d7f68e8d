"""My agenda: the starred sessions named in the address, with clashes, and their calendar."""

import datetime

import pytest
from django.urls import reverse

from events import agenda
from tests.events.test_public_pages import build_conference
from tests.factories import SHANGHAI, EditionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def at(edition, hour, minute=0):
    return datetime.datetime.combine(
        edition.start_date, datetime.time(hour, minute), tzinfo=SHANGHAI
    )


def agenda_url(edition):
    return reverse("events:agenda", kwargs={"year": edition.year})


@pytest.mark.parametrize("size", [5, 200])
def test_agenda_query_count_does_not_grow(page_cache_off, size, client, django_assert_num_queries):
    edition = build_conference(size)
    ids = list(edition.sessions.order_by("pk").values_list("pk", flat=True)[: min(size, 40)])
    with django_assert_num_queries(5):
        response = client.get(agenda_url(edition), {"s": ",".join(map(str, ids))})
    assert response.status_code == 200


def test_agenda_lists_the_chosen_sessions_and_marks_clashes(client):
    edition = EditionFactory(year=2022)
    a = SessionFactory(
        edition=edition, title_en="Alloys", start=at(edition, 10), end=at(edition, 11)
    )
    b = SessionFactory(
        edition=edition, title_en="Robots", start=at(edition, 10, 30), end=at(edition, 12)
    )
    c = SessionFactory(
        edition=edition, title_en="Lunch talk", start=at(edition, 12), end=at(edition, 13)
    )
    SessionFactory(
        edition=edition, title_en="Not chosen", start=at(edition, 14), end=at(edition, 15)
    )
    html = client.get(agenda_url(edition), {"s": f"{c.pk},{a.pk},{b.pk}"}).text
    assert "Not chosen" not in html
    assert html.index("Alloys") < html.index("Robots") < html.index("Lunch talk")
    assert html.count("agenda-item--clash") == 2
    assert "Clashes with:" in html
    # The calendar address names the same sessions, in program order.
    assert f"agenda.ics?s={a.pk},{b.pk},{c.pk}" in html


def test_agenda_ignores_sessions_of_other_editions(client):
    edition = EditionFactory(year=2022)
    other = SessionFactory(edition=EditionFactory(year=2019), title_en="Old talk")
    html = client.get(agenda_url(edition), {"s": str(other.pk)}).text
    assert "Old talk" not in html


@pytest.mark.parametrize("value", ["1,x", "1;2", "-3", ",".join(map(str, range(300))), "９"])
def test_a_malformed_agenda_address_gets_a_clear_400(client, value):
    edition = EditionFactory(year=2022)
    for url in (agenda_url(edition), reverse("events:agenda_ical", kwargs={"year": edition.year})):
        response = client.get(url, {"s": value})
        assert response.status_code == 400
        assert "form-errors" in response.text


def test_agenda_without_sessions_explains_how_to_star(client):
    edition = EditionFactory(year=2022)
    html = client.get(agenda_url(edition)).text
    assert "No sessions in your agenda yet" in html
    assert "Starring sessions needs JavaScript" in html


def test_agenda_calendar_holds_only_the_chosen_sessions(client):
    edition = EditionFactory(year=2022)
    a = SessionFactory(
        edition=edition, title_en="Alloys", start=at(edition, 10), end=at(edition, 11)
    )
    SessionFactory(edition=edition, title_en="Robots", start=at(edition, 11), end=at(edition, 12))
    url = reverse("events:agenda_ical", kwargs={"year": edition.year})
    response = client.get(url, {"s": f"{a.pk}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Alloys" in body and "Robots" not in body
    assert body.count("BEGIN:VEVENT") == 1


def test_parse_selection_keeps_order_and_drops_repeats():
    assert agenda.parse_selection(" 3, 1,3,,2 ") == [3, 1, 2]
    assert agenda.parse_selection("") == []
