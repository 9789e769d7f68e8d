"""iCalendar exports: they parse, carry the edition's zone, stable UIDs and both languages."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import Session
from tests.events.sample_program import build_program
from tests.events.test_public_pages import build_conference
from tests.factories import EditionFactory, SessionFactory

# The whole edition's files are built by the request that asks for them (no worker in a test).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def calendar_at(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.getvalue())


def events_by_title(calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_program_calendar_has_the_times_in_the_editions_zone(client):
    edition = build_program()
    calendar = calendar_at(client, f"/{edition.year}/program.ics")
    keynote = events_by_title(calendar)["Opening keynote"]
    start = keynote.decoded("DTSTART")
    assert keynote["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert start == datetime.datetime(2022, 11, 22, 9, 0, tzinfo=SHANGHAI)
    assert (start.hour, start.minute, start.utcoffset()) == (9, 0, datetime.timedelta(hours=8))
    assert keynote.decoded("DTEND") == datetime.datetime(2022, 11, 22, 9, 45, tzinfo=SHANGHAI)
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Asia/Shanghai"]
    assert len(calendar.walk("VEVENT")) == Session.objects.filter(edition=edition).count()


def test_calendar_in_a_zone_with_summer_time_carries_its_rules(client):
    edition = EditionFactory(
        time_zone="Europe/Berlin",
        start_date=datetime.date(2031, 7, 1),
        end_date=datetime.date(2031, 7, 1),
    )
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    SessionFactory(
        edition=edition,
        title_en="Summer talk",
        start=datetime.datetime(2031, 7, 1, 9, tzinfo=berlin),
        end=datetime.datetime(2031, 7, 1, 10, tzinfo=berlin),
    )
    calendar = calendar_at(client, f"/{edition.year}/program.ics")
    event = events_by_title(calendar)["Summer talk"]
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)
    zone = calendar.walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/Berlin"
    assert zone.walk("DAYLIGHT") and zone.walk("STANDARD")


def test_calendar_event_has_a_stable_uid_location_description_and_url(client):
    edition = build_program()
    keynote = Session.objects.get(edition=edition, title_en="Opening keynote")
    event = events_by_title(calendar_at(client, f"/{edition.year}/program.ics"))["Opening keynote"]
    assert event["UID"] == f"{keynote.guid}@127.0.0.1"
    assert str(event["LOCATION"]) == "Hall A, Library, Northeastern University, Shenyang"
    description = str(event["DESCRIPTION"])
    # Speakers in their order on the program, then the abstract.
    assert description.index("Prof. Bo Li") < description.index("Prof. Ada Lovelace")
    assert "Where industry and education meet." in description
    url = f"http://127.0.0.1:8000/{edition.year}/sessions/{keynote.pk}/"
    assert str(event["URL"]) == url and url in description
    again = events_by_title(calendar_at(client, f"/{edition.year}/program.ics"))
    assert again["Opening keynote"]["UID"] == event["UID"]


def test_session_without_a_room_is_located_online_or_at_the_venue(client):
    edition = build_program()
    events = events_by_title(calendar_at(client, f"/{edition.year}/program.ics"))
    assert str(events["Robots in class"]["LOCATION"]) == "Online"
    assert str(events["Room to come"]["LOCATION"]) == "Northeastern University, Shenyang"


def test_chinese_calendar_has_chinese_texts_and_the_same_uids(client):
    edition = build_program()
    english = events_by_title(calendar_at(client, f"/{edition.year}/program.ics"))
    chinese = events_by_title(calendar_at(client, f"/zh-hans/{edition.year}/program.ics"))
    event = chinese["开幕主旨报告"]
    assert event["UID"] == english["Opening keynote"]["UID"]
    assert "产教融合之路。" in str(event["DESCRIPTION"])
    assert str(event["URL"]).startswith("http://127.0.0.1:8000/zh-hans/")
    assert str(event["LOCATION"]).startswith("A厅")


def test_sub_forum_calendar_holds_only_its_sessions(client):
    edition = build_program()
    calendar = calendar_at(client, f"/{edition.year}/sub-forums/vision/program.ics")
    assert set(events_by_title(calendar)) == {"Seeing machines", "Panel on datasets"}
    assert client.get(f"/{edition.year}/sub-forums/nope/program.ics").status_code == 404


def test_session_calendar_holds_that_session(client):
    edition = build_program()
    session = Session.objects.get(edition=edition, title_en="Seeing machines")
    response = client.get(reverse("events:session_ical", args=[edition.year, session.pk]))
    assert 'filename="session-' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert list(events_by_title(calendar)) == ["Seeing machines"]
    assert calendar.walk("VTIMEZONE")


def test_calendars_of_an_unpublished_edition_are_not_found(client):
    edition = build_program(is_published=False)
    session = Session.objects.filter(edition=edition).first()
    for url in (
        f"/{edition.year}/program.ics",
        f"/{edition.year}/sub-forums/vision/program.ics",
        f"/{edition.year}/sessions/{session.pk}/session.ics",
    ):
        assert client.get(url).status_code == 404


def test_pages_offer_the_calendars(client):
    edition = build_program()
    program = client.get(reverse("events:program", args=[edition.year])).content.decode()
    assert f'href="webcal://127.0.0.1:8000/{edition.year}/program.ics"' in program
    assert f'href="http://127.0.0.1:8000/{edition.year}/program.ics"' in program
    assert "Subscribe to the program (iCal)" in program
    forum = client.get(reverse("events:sub_forum", args=[edition.year, "vision"])).content.decode()
    assert f"webcal://127.0.0.1:8000/{edition.year}/sub-forums/vision/program.ics" in forum
    session = Session.objects.filter(edition=edition).first()
    page = client.get(session.get_absolute_url()).content.decode()
    assert reverse("events:session_ical", args=[edition.year, session.pk]) in page
    assert "Add to calendar" in page
    chinese = client.get(f"/zh-hans/{edition.year}/program/").content.decode()
    assert f"webcal://127.0.0.1:8000/zh-hans/{edition.year}/program.ics" in chinese


# The edition, the sessions with room and sub-forum, their speakers, their links and attachments
# (the sub-forum's calendar finds the sub-forum first), whatever the number of sessions; the
# whole edition's calendar is stored: the edition, the content version, the file.
EXPECTED_QUERIES = {"program": 3, "sub_forum": 5, "session": 4}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_calendar_query_count_does_not_grow_with_the_program(
    page_cache_off, name, size, client, django_assert_num_queries
):
    edition = build_conference(size)
    forum = edition.sub_forums.order_by("pk").first()
    session = Session.objects.filter(edition=edition).order_by("pk").first()
    url = {
        "program": reverse("events:program_ical", args=[edition.year]),
        "sub_forum": reverse("events:sub_forum_ical", args=[edition.year, forum.slug]),
        "session": reverse("events:session_ical", args=[edition.year, session.pk]),
    }[name]
    client.get(url)  # the whole edition's calendar is built by the first request; then served
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
