"""Real-shaped frab files imported, then exported: every field the format carries comes back.

The files in ``tests/data/frab/real-shaped/`` are written the way their tools write them: a
camp's frab ``schedule.json`` (German and English talks, subtitles, links, relative attachment
addresses, days that end at 04:00 with sessions after midnight, a type of its own), and a
pretalx ``schedule.xml`` (six session types, Chinese names, days from 04:00 to 03:59, a session
after midnight). What the site gives back in place of the source's own values is named here:
its own ids, slugs and addresses, our words for the kinds the vocabulary knows, attachment
addresses made absolute against the file's ``base_url``, and day boundaries at the day change.
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.utils import translation
from lxml import etree

from events.exports.vocabulary import language_code
from events.imports.frab import ScheduleError, parse
from events.imports.program import import_schedule_file
from events.models import Session, SessionLink
from tests.factories import EditionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

FILES = Path(__file__).resolve().parent.parent / "data" / "frab" / "real-shaped"
CAMP = FILES / "camp-2024.json"
PRETALX = FILES / "pretalx-democon-2022.xml"

# A source type and the frab type the site writes back: its own kinds for the words it knows,
# the source's name for any other.
TYPES = {
    "lecture": "talk",
    "workshop": "workshop",
    "Lightning Talk": "lightning_talk",
    "Kino": "Kino",
    "Hackathon": "Hackathon",
    "Keynote": "keynote",
    "Talk": "talk",
    "Workshop": "workshop",
    "Panel discussion": "panel",
    "Performance": "performance",
    "Poster session": "Poster session",
}
# Spoken Chinese has no script: pretalx's "zh" stays "zh"; the rest as the file writes them.
LANGUAGES = {"de": "de", "en": "en", "zh": "zh"}


def camp_edition():
    return EditionFactory(
        year=2024,
        start_date=datetime.date(2024, 7, 18),
        end_date=datetime.date(2024, 7, 19),
        time_zone="Europe/Berlin",
    )


def pretalx_edition():
    return EditionFactory(
        year=2022, start_date=datetime.date(2022, 11, 22), end_date=datetime.date(2022, 11, 23)
    )


def run_import(edition, path):
    return import_schedule_file(edition=edition, data=path.read_bytes(), language="en")


def export(client, edition, kind):
    response = client.get(f"/{edition.year}/schedule.{kind}")
    assert response.status_code == 200
    translation.activate("en")
    return response.getvalue()


# --- both formats as one shape: {guid: {field: value}} -------------------------------------


def json_events(document: dict, base_url: str = "") -> dict:
    events = {}
    for day in document["schedule"]["conference"]["days"]:
        for room, items in day["rooms"].items():
            for item in items:
                events[item["guid"]] = {
                    "day": day["date"],
                    "room": room,
                    "date": item["date"],
                    "start": item["start"],
                    "duration": item["duration"],
                    "title": item["title"],
                    "subtitle": item.get("subtitle") or "",
                    "abstract": item.get("abstract") or "",
                    "description": item.get("description") or "",
                    "track": item["track"],
                    "type": item["type"],
                    "language": item.get("language") or "",
                    "persons": [
                        (p["guid"], p.get("public_name") or p["name"]) for p in item["persons"]
                    ],
                    "links": [
                        (link["title"], urljoin(base_url, link["url"])) for link in item["links"]
                    ],
                    "attachments": [
                        (link["title"], urljoin(base_url, link["url"]))
                        for link in item["attachments"]
                    ],
                }
    return events


def xml_events(root, base_url: str = "") -> dict:
    def text(event, name):
        return "".join(event.find(name).itertext()) if event.find(name) is not None else ""

    events = {}
    for day in root.iterfind("day"):
        for room in day.iterfind("room"):
            for event in room.iterfind("event"):
                events[event.get("guid")] = {
                    "day": day.get("date"),
                    "room": room.get("name"),
                    **{
                        name: text(event, name)
                        for name in (
                            "date",
                            "start",
                            "duration",
                            "title",
                            "subtitle",
                            "abstract",
                            "description",
                            "track",
                            "type",
                            "language",
                        )
                    },
                    "persons": [(p.get("guid"), p.text) for p in event.iterfind("persons/person")],
                    "links": [
                        (link.text, urljoin(base_url, link.get("href")))
                        for link in event.iterfind("links/link")
                    ],
                    "attachments": [
                        (link.text, urljoin(base_url, link.get("href")))
                        for link in event.iterfind("attachments/attachment")
                    ],
                }
    return events


def as_the_site_writes_it(events: dict) -> dict:
    """The source's events with the values the site gives in their place."""
    return {
        guid: event
        | {"type": TYPES[event["type"]], "language": LANGUAGES.get(event["language"], "")}
        for guid, event in events.items()
    }


# --- the camp's schedule.json ------------------------------------------------------------------


def camp_source() -> dict:
    document = json.loads(CAMP.read_text())
    return json_events(document, document["schedule"]["base_url"])


@pytest.mark.parametrize("kind", ["json", "xml"])
def test_camp_json_comes_back_with_every_field(client, kind):
    edition = camp_edition()
    run_import(edition, CAMP)
    data = export(client, edition, kind)
    exported = json_events(json.loads(data)) if kind == "json" else xml_events(etree.XML(data))
    assert exported == as_the_site_writes_it(camp_source())


def test_camp_sessions_keep_language_subtitle_description_links_and_type(client):
    edition = camp_edition()
    run_import(edition, CAMP)
    soldering = Session.objects.get(guid="0d1f5a3e-6b7c-4d8e-9f00-a1b2c3d4e501")
    assert soldering.language == "de" and soldering.kind == Session.Kind.TALK
    assert soldering.subtitle_en.startswith("Eine Einführung")
    assert soldering.abstract_en == "Bleifreies Lot verhält sich anders."
    assert soldering.description_en.endswith("alles ist da.")
    assert [(r.kind, r.title, r.url) for r in soldering.links.order_by("order")] == [
        (
            "attachment",
            "Folien",
            "https://camp.example.org/system/event_attachments/1001/folien.pdf",
        ),
        ("link", "Projektseite", "https://example.org/loeten"),
        ("link", "Bausatz", "https://example.org/bausatz"),
    ]
    hackathon = Session.objects.get(guid="0d1f5a3e-6b7c-4d8e-9f00-a1b2c3d4e506")
    assert (hackathon.kind, hackathon.kind_name) == (Session.Kind.OTHER, "Hackathon")
    page = client.get(soldering.get_absolute_url()).content.decode()
    for text in ("Eine Einführung", "Mitbringen: nichts", "Projektseite", "Folien", "German"):
        assert text in page
    assert '<h1 lang="de">Löten ohne Blei</h1>' in page


def test_camp_days_end_at_four_and_keep_their_night_sessions(client):
    edition = camp_edition()
    report = run_import(edition, CAMP)
    edition.refresh_from_db()
    # The file's days end at 04:00 the next morning: so do the edition's conference days.
    assert edition.day_change == datetime.time(4, 0) == report.day_change
    document = json.loads(export(client, edition, "json"))
    days = document["schedule"]["conference"]["days"]
    assert [(d["date"], d["day_start"], d["day_end"]) for d in days] == [
        ("2024-07-18", "2024-07-18T04:00:00+02:00", "2024-07-19T04:00:00+02:00"),
        ("2024-07-19", "2024-07-19T04:00:00+02:00", "2024-07-20T04:00:00+02:00"),
    ]
    assert document["schedule"]["conference"]["daysCount"] == 2
    program = client.get(f"/{edition.year}/program/").content.decode()
    # The 01:30 film is the last session of the first day, not the first of the second.
    first_day = program.split('id="day-2024-07-19"')[0]
    assert "Nachtkino" in first_day and "Lightning talks" not in first_day
    second_day = client.get(f"/{edition.year}/program/?day=2024-07-19").content.decode()
    assert "Night hackathon" in second_day and "Nachtkino" not in second_day


def test_camp_import_then_import_again_changes_nothing():
    edition = camp_edition()
    run_import(edition, CAMP)
    again = run_import(edition, CAMP)
    assert not again.changes_anything
    assert SessionLink.objects.filter(session__edition=edition).count() == 7


def test_the_sites_own_export_imports_into_a_new_edition_unchanged(client):
    edition = camp_edition()
    run_import(edition, CAMP)
    exported = export(client, edition, "json")
    copy = EditionFactory(
        year=2025,
        start_date=edition.start_date,
        end_date=edition.end_date,
        time_zone="Europe/Berlin",
    )
    # The same rooms hold the copy's sessions: the source's move a week on first.
    week = datetime.timedelta(days=7)
    for session in Session.objects.filter(edition=edition):
        session.start += week
        session.end += week
        session.save()
    import_schedule_file(edition=copy, data=exported, language="en")
    copied = Session.objects.filter(edition=copy)
    assert copied.count() == 6
    hackathon = copied.get(title_en="Night hackathon")
    assert (hackathon.kind, hackathon.kind_name, hackathon.language) == ("other", "Hackathon", "en")
    assert hackathon.description_en == "Snacks provided."


# --- pretalx's schedule.xml --------------------------------------------------------------------


def pretalx_source() -> dict:
    root = etree.parse(str(PRETALX)).getroot()
    return xml_events(root, root.findtext("conference/base_url"))


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_pretalx_xml_comes_back_with_every_field(client, kind):
    edition = pretalx_edition()
    run_import(edition, PRETALX)
    data = export(client, edition, kind)
    exported = xml_events(etree.XML(data)) if kind == "xml" else json_events(json.loads(data))
    assert exported == as_the_site_writes_it(pretalx_source())


def test_pretalx_session_types_are_kept_apart():
    edition = pretalx_edition()
    run_import(edition, PRETALX)
    kinds = dict(Session.objects.filter(edition=edition).values_list("title_en", "kind"))
    assert kinds == {
        "Machines that teach": "keynote",
        "Robot arms in the classroom": "talk",
        "Who owns the data?": "panel",
        "Robot orchestra": "performance",
        "Build a line follower": "workshop",
        "Late poster walk": "other",
        "Ten-minute robots": "lightning_talk",
    }
    posters = Session.objects.get(title_en="Late poster walk")
    assert posters.kind_name == "Poster session" and posters.kind_label == "Poster session"


def test_pretalx_days_from_four_to_three_fifty_nine_mean_a_four_oclock_day_change():
    schedule = parse(PRETALX.read_bytes(), default_tz=datetime.UTC)
    assert schedule.day_change == datetime.time(4, 0)


def test_a_stated_day_change_puts_a_start_without_date_on_the_next_morning():
    """pentabarf and FOSDEM write ``day_change`` and events with a start time only."""
    data = b"""<?xml version="1.0"?>
<schedule><conference><acronym>fosdem</acronym><title>T</title>
<day_change>04:00:00</day_change><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day index="1" date="2018-02-03"><room name="Janson">
<event id="1"><start>23:30</start><duration>01:00</duration><title>Late</title></event>
<event id="2"><start>01:30</start><duration>00:30</duration><title>Later</title></event>
</room></day></schedule>"""
    schedule = parse(data, default_tz=datetime.UTC)
    starts = {event.title: event.start.isoformat() for event in schedule.events}
    assert starts == {"Late": "2018-02-03T23:30:00+01:00", "Later": "2018-02-04T01:30:00+01:00"}
    assert schedule.day_change == datetime.time(4, 0)


def test_a_link_without_a_usable_address_is_refused_naming_its_place():
    data = json.loads(CAMP.read_text())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Zelt A"][0]
    event["links"].append({"url": "javascript:alert(1)", "title": "Bad"})
    with pytest.raises(ScheduleError) as error:
        parse(json.dumps(data).encode(), default_tz=datetime.UTC)
    assert error.value.messages == [
        'schedule.conference.days[0].rooms["Zelt A"][0].links[2]: '
        "“javascript:alert(1)” is not a web address."
    ]


@pytest.mark.parametrize(
    ("code", "language"),
    [("de", "de"), ("en-US", "en"), ("zh", "zh"), ("zh_CN", "zh"), ("zh-Hans", "zh"), ("", "")],
)
def test_file_language_codes_read_as_session_languages(code, language):
    assert language_code(code) == language


def test_an_unknown_language_code_leaves_the_sessions_language():
    assert language_code("klingon") == ""
