"""The timetable: parallel sessions side by side, per day, at a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from events import timetable
from events.models import Session
from tests.events.test_public_pages import build_conference
from tests.factories import SHANGHAI, EditionFactory, RoomFactory, SessionFactory, SubForumFactory

pytestmark = pytest.mark.django_db


def at(edition, hour, minute=0, day=0):
    return datetime.datetime.combine(
        edition.start_date + datetime.timedelta(days=day),
        datetime.time(hour, minute),
        tzinfo=SHANGHAI,
    )


def timetable_url(edition):
    return reverse("events:timetable", kwargs={"year": edition.year})


@pytest.mark.parametrize("size", [5, 200])
def test_timetable_query_count_does_not_grow_with_the_program(
    page_cache_off, size, client, django_assert_num_queries
):
    edition = build_conference(size)
    # The frame (2), the edition, the sessions, their speakers.
    with django_assert_num_queries(5):
        response = client.get(timetable_url(edition))
    assert response.status_code == 200
    assert 'class="timetable"' in response.text


def test_parallel_sessions_sit_side_by_side_and_a_plenary_spans_every_room(client):
    edition = EditionFactory(year=2022)
    room_a, room_b = RoomFactory(name_en="Hall A"), RoomFactory(name_en="Hall B")
    forum_a = SubForumFactory(edition=edition, room=room_a)
    forum_b = SubForumFactory(edition=edition, room=room_b)
    SessionFactory(
        edition=edition,
        title_en="Opening",
        kind=Session.Kind.OPENING,
        room=room_a,
        sub_forum=None,
        start=at(edition, 9),
        end=at(edition, 10),
    )
    SessionFactory(
        edition=edition,
        title_en="Alloys",
        sub_forum=forum_a,
        room=room_a,
        start=at(edition, 10),
        end=at(edition, 11),
    )
    SessionFactory(
        edition=edition,
        title_en="Robots",
        sub_forum=forum_b,
        room=room_b,
        start=at(edition, 10, 30),
        end=at(edition, 11),
    )
    html = client.get(timetable_url(edition)).text
    assert '<th scope="col">Hall A' in html and '<th scope="col">Hall B' in html
    # The opening runs alone: across both rooms. Alloys spans 10:00-10:30 and 10:30-11:00.
    assert 'colspan="2"' in html
    assert 'rowspan="2"' in html
    assert html.index("Alloys") < html.index("Robots")


def test_two_sessions_in_one_room_at_once_are_both_shown():
    edition = EditionFactory(year=2022)
    room = RoomFactory(name_en="Hall A")
    forum = SubForumFactory(edition=edition, room=room)
    for title in ("First", "Second"):
        Session.objects.create(
            edition=edition,
            title_en=title,
            sub_forum=forum,
            room=room,
            start=at(edition, 10),
            end=at(edition, 11),
        )
    from events import program_listing, queries

    rows = program_listing.session_rows(queries.edition_sessions(edition), edition)
    (grid,) = timetable.grids(rows)
    assert len(grid.columns) == 2 and grid.columns[0] == grid.columns[1]
    titles = [cell.session.title for slot in grid.slots for cell in slot.cells if cell.session]
    assert titles == ["First", "Second"]


def test_timetable_in_chinese_and_links_back_to_the_program(client):
    edition = build_conference(5)
    html = client.get("/zh-hans" + timetable_url(edition)).text
    assert "日程表" in html
    assert f"/zh-hans/{edition.year}/program/" in html


def test_timetable_marks_times_for_the_visitor_clock_and_stars(client):
    edition = build_conference(5)
    html = client.get(timetable_url(edition)).text
    assert "data-local" in html and "js/timetable.js" in html
    assert "data-agenda-session=" in html
    assert "style=" not in html


def test_empty_day_says_so(client):
    edition = EditionFactory(year=2022)
    assert "No sessions on this day." in client.get(timetable_url(edition)).text


def test_each_day_has_its_page_and_other_days_are_not_found(client):
    edition = EditionFactory(year=2022)
    SessionFactory(
        edition=edition,
        title_en="Day two talk",
        start=at(edition, 9, day=1),
        end=at(edition, 10, day=1),
    )
    first = client.get(timetable_url(edition)).text
    assert "Day two talk" not in first
    second_url = reverse("events:timetable_day", kwargs={"year": 2022, "day": "2022-11-23"})
    assert second_url in first
    assert "Day two talk" in client.get(second_url).text
    for day in ("2022-11-30", "yesterday", "2022-13-01"):
        url = reverse("events:timetable_day", kwargs={"year": 2022, "day": day})
        assert client.get(url).status_code == 404
