"""frab schedule exports: valid against the public schemas, complete, in both languages."""

import copy
import functools
import json
import pathlib

import jsonschema
import lxml.html
import pytest
from django.urls import reverse
from lxml import etree

from events.models import Session
from tests.events.sample_program import build_program
from tests.events.test_public_pages import build_conference

# The whole edition's files are built by the request that asks for them (no worker in a test).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

SCHEMAS = pathlib.Path(__file__).parent.parent / "data" / "frab"


@functools.cache
def xml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))


@functools.cache
def json_validator() -> jsonschema.Draft6Validator:
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text())
    # Formats (date-time with its offset, uuid, uri) are checked too, not only the shape.
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def json_errors(document) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in json_validator().iter_errors(document)
    ]


def schedule_xml(client, edition, prefix=""):
    response = client.get(f"{prefix}/{edition.year}/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.getvalue())


def schedule_json(client, edition, prefix=""):
    response = client.get(f"{prefix}/{edition.year}/schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.getvalue())


def json_events(document) -> dict:
    return {
        event["title"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_schedule_xml_validates_against_the_xsd(client, prefix):
    document = schedule_xml(client, build_program(), prefix)
    assert xml_schema().validate(document), xml_schema().error_log


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_schedule_json_validates_against_the_json_schema(client, prefix):
    assert json_errors(schedule_json(client, build_program(), prefix)) == []


def test_the_json_validator_checks_formats(client):
    """A control: a date without its offset, which other tools' exports have, is refused."""
    document = schedule_json(client, build_program())
    broken = copy.deepcopy(document)
    day = broken["schedule"]["conference"]["days"][0]
    next(iter(day["rooms"].values()))[0]["date"] = "2022-11-22T09:00:00"
    assert json_errors(broken)


def test_json_event_has_the_fields_conference_apps_read(client):
    edition = build_program()
    keynote = Session.objects.get(edition=edition, title_en="Opening keynote")
    document = schedule_json(client, edition)
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "icie2022"
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2022-11-22",
        "2022-11-23",
        2,
    )
    assert conference["time_zone_name"] == "Asia/Shanghai"
    assert [track["slug"] for track in conference["tracks"]] == ["vision", "robotics"]
    event = json_events(document)["Opening keynote"]
    assert event["id"] == keynote.pk and event["guid"] == str(keynote.guid)
    assert event["date"] == "2022-11-22T09:00:00+08:00"
    assert (event["start"], event["duration"]) == ("09:00", "00:45")
    assert event["room"] == "Hall A" and event["track"] == "Plenary"
    # The language the keynote is given in, whatever the file's.
    assert event["type"] == "keynote" and event["language"] == "en"
    assert event["url"] == f"http://127.0.0.1:8000/{edition.year}/sessions/{keynote.pk}/"
    assert event["slug"] == f"icie2022-{keynote.pk}-opening-keynote"
    assert [person["name"] for person in event["persons"]] == ["Bo Li", "Ada Lovelace"]
    assert event["links"] == [
        {"url": "https://live.example.org/keynote", "title": "Livestream", "type": "media"}
    ]


def test_events_without_a_room_are_listed_online_or_to_be_announced(client):
    events = json_events(schedule_json(client, build_program()))
    assert events["Robots in class"]["room"] == "Online"
    assert events["Room to come"]["room"] == "Room to be announced"
    assert events["Seeing machines"]["track"] == "Machine vision"


def test_xml_event_has_ids_persons_and_track(client):
    edition = build_program()
    document = schedule_xml(client, edition)
    session = Session.objects.get(edition=edition, title_en="Seeing machines")
    (event,) = document.xpath("//event[title='Seeing machines']")
    assert event.get("id") == str(session.pk) and event.get("guid") == str(session.guid)
    assert event.findtext("date") == "2022-11-22T10:00:00+08:00"
    assert event.findtext("track") == "Machine vision"
    persons = event.findall("persons/person")
    assert [p.text for p in persons] == ["Chen Wei", "Ada Lovelace", "Bo Li"]
    assert all(p.get("guid") and p.get("id") for p in persons)
    assert event.getparent().get("name") == "Hall A" and event.getparent().get("guid")
    assert document.findtext("conference/acronym") == "icie2022"


def test_chinese_schedule_has_chinese_texts_and_the_same_guids(client):
    edition = build_program()
    english = json_events(schedule_json(client, edition))
    chinese = json_events(schedule_json(client, edition, "/zh-hans"))
    event = chinese["开幕主旨报告"]
    assert event["guid"] == english["Opening keynote"]["guid"]
    assert event["slug"] == english["Opening keynote"]["slug"]
    assert event["language"] == "en" and event["room"] == "A厅"
    assert event["url"].startswith("http://127.0.0.1:8000/zh-hans/")


def test_schedule_version_follows_the_program(client):
    edition = build_program()
    before = schedule_json(client, edition)["schedule"]["version"]
    assert schedule_json(client, edition)["schedule"]["version"] == before
    session = Session.objects.get(edition=edition, title_en="Seeing machines")
    session.title_en = "Seeing better"
    session.save()
    assert schedule_json(client, edition)["schedule"]["version"] != before


def test_schedule_of_an_unpublished_edition_is_not_found(client):
    edition = build_program(is_published=False)
    assert client.get(f"/{edition.year}/schedule.xml").status_code == 404
    assert client.get(f"/{edition.year}/schedule.json").status_code == 404


def test_program_page_offers_the_schedule_to_conference_apps(client):
    edition = build_program()
    html = client.get(reverse("events:program", args=[edition.year])).content.decode()
    xml_url = f"http://127.0.0.1:8000/{edition.year}/schedule.xml"
    assert "Use in a conference app" in html
    assert f'href="{xml_url}"' in html
    assert f'href="https://ggt.gaa.st/#url={xml_url}"' in html
    # The QR code is drawn on the server: no script, no outside service.
    [qr] = lxml.html.fromstring(html).xpath('//figure[@class="conference-app__qr"]/img')
    assert qr.get("src").startswith("data:image/svg+xml")
    assert qr.get("alt") == "QR code: the program in Giggity"
    assert "<script" not in html.split("conference-app-title", 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", ["events:schedule_xml", "events:schedule_json"])
def test_schedule_query_count_does_not_grow_with_the_program(
    page_cache_off, name, size, client, django_assert_num_queries
):
    edition = build_conference(size)
    url = reverse(name, args=[edition.year])
    client.get(url)  # built by the first request (no worker in a test), then served as stored:
    # the edition with its series, the content version, the file.
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 200])
def test_large_schedules_validate_too(client, size):
    edition = build_conference(size)
    assert xml_schema().validate(schedule_xml(client, edition)), xml_schema().error_log
    assert json_errors(schedule_json(client, edition)) == []
