"""A schedule import that can never damage the site: people by identity, rooms per edition,
the file's language and time zone checked, old frab GUIDs, hostile XML and foreign formats.

Every file here is shaped like the ones frab, pretalx and c3voc publish (written by hand)."""

import datetime
import io
import json
import time
import tracemalloc
import uuid
import zoneinfo

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from events.imports.formats import OLD_GUID_NAMESPACE
from events.imports.frab import ScheduleError, parse
from events.imports.program import derived_guid, import_schedule_file
from events.models import Edition, Room, ScheduleImport, Session, Speaker, SpeakerIdentity
from tests.events.sample_program import build_program
from tests.events.test_frab_import import copy_target
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
# The exports copy_target reads are built by the request that asks for them.
exports_built_at_once = pytest.mark.usefixtures("tasks_run_at_once")

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def november_edition(year=2022, **fields):
    return EditionFactory(
        year=year,
        start_date=datetime.date(2022, 11, 22),
        end_date=datetime.date(2022, 11, 26),
        **fields,
    )


def run_import(edition, data, *, language="en", **options):
    return import_schedule_file(edition=edition, data=data, language=language, **options)


def frab_json(events_by_room: dict, *, acronym="camp", zone="Asia/Shanghai", day="2022-11-22"):
    """A frab schedule.json of one day, as frab 0.x and pretalx write it."""
    conference = {
        "acronym": acronym,
        "title": f"{acronym} conference",
        "start": day,
        "end": day,
        "daysCount": 1,
        "timeslot_duration": "00:15",
        "time_zone_name": zone,
        "days": [
            {
                "index": 1,
                "date": day,
                "day_start": f"{day}T06:00:00+08:00",
                "day_end": f"{day}T23:00:00+08:00",
                "rooms": events_by_room,
            }
        ],
    }
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "schedule": {
            "version": "1.0",
            "base_url": "https://example.org/",
            "conference": conference,
        },
    }
    return json.dumps(document, ensure_ascii=False).encode()


def talk(number, start, persons, *, language="en", guid=None, title=None):
    return {
        "id": number,
        "guid": guid or str(uuid.uuid5(uuid.NAMESPACE_URL, f"talk-{number}")),
        "date": f"2022-11-22T{start}:00+08:00",
        "start": start,
        "duration": "00:20",
        "room": "Hall",
        "slug": f"camp-{number}",
        "title": title or f"Talk {number}",
        "subtitle": "",
        "track": "",
        "type": "lecture",
        "language": language,
        "abstract": "",
        "description": "",
        "persons": persons,
        "links": [],
        "attachments": [],
    }


# --- 1. people by identity, never by name alone ------------------------------------------------

COMMON_NAMES = ["王伟", "李娜", "张敏", "Wang Wei", "Li Na"]


def same_named_people_file(acronym="neu-aic") -> bytes:
    """30 talks of 30 different people (frab person ids 1-30) who share five names."""
    talks = [
        talk(
            n,
            f"{8 + n // 3:02d}:{(n % 3) * 20:02d}",
            [{"id": n, "public_name": COMMON_NAMES[n % 5], "biography": f"Person number {n}."}],
        )
        for n in range(1, 31)
    ]
    return frab_json({"Hall": talks}, acronym=acronym)


def speakers_of(edition) -> dict[str, int]:
    return {
        s.title_en: s.speakers.get().pk
        for s in Session.objects.filter(edition=edition).prefetch_related("speakers")
    }


def test_people_who_share_a_name_stay_different_speakers():
    edition = november_edition()
    report = run_import(edition, same_named_people_file())
    assert len(report.speakers.created) == 30
    assert Speaker.objects.filter(name="王伟").count() == 6
    assert len(set(speakers_of(edition).values())) == 30
    assert Speaker.objects.get(biography_en="Person number 7.").sessions.get().title == "Talk 7"


def test_a_re_import_of_same_named_people_updates_instead_of_duplicating():
    edition = november_edition()
    run_import(edition, same_named_people_file())
    before = speakers_of(edition)
    changed = same_named_people_file().replace(b"Person number 7.", b"Now a professor.")
    again = run_import(edition, changed)
    assert again.speakers.created == [] and again.speakers.updated == [COMMON_NAMES[2]]
    assert speakers_of(edition) == before and Speaker.objects.count() == 30
    assert Speaker.objects.get(pk=before["Talk 7"]).biography_en == "Now a professor."


def test_person_ids_of_another_source_are_other_people():
    edition = november_edition()
    run_import(edition, same_named_people_file("neu-aic"))
    other = november_edition(2023)
    run_import(other, same_named_people_file("other-camp"))
    # Person 7 of one conference is not person 7 of another.
    assert Speaker.objects.count() == 60
    assert SpeakerIdentity.objects.filter(external_id="id:7").count() == 2


def test_a_speaker_already_on_the_site_is_never_taken_by_name():
    edition = november_edition()
    ours = SpeakerFactory(name="王伟", slug="wang-wei-neu")
    report = run_import(edition, same_named_people_file())
    assert ours.sessions.count() == 0
    assert sum("“王伟” becomes a new speaker" in line for line in report.summary()) == 6


def test_the_organizer_says_which_speaker_a_person_of_the_file_is():
    edition = november_edition()
    ours = SpeakerFactory(name="王伟", slug="wang-wei-neu")
    # In the admin, on the speaker: "identities in imported schedules".
    SpeakerIdentity.objects.create(speaker=ours, source="neu-aic", external_id="id:5")
    run_import(edition, same_named_people_file())
    assert list(ours.sessions.values_list("title_en", flat=True)) == ["Talk 5"]
    assert Speaker.objects.filter(name="王伟").count() == 6  # five new, and ours


def test_the_speaker_admin_edits_identities(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    speaker = SpeakerFactory(name="李娜", slug="li-na")
    page = client.get(reverse("admin:events_speaker_change", args=[speaker.pk]))
    assert page.status_code == 200
    assert "Identities in imported schedules" in page.content.decode()


def test_pretalx_codes_identify_people_and_guids_do_across_sources():
    edition = november_edition()
    guid = "0c3d0c3e-6f2a-5b8e-9d1a-2f2d6a0b7c11"
    persons = [
        [{"code": "QXJ8DE", "name": "Li Na", "public_name": "Li Na"}],
        [{"code": "PL7K2M", "name": "Li Na", "public_name": "Li Na", "guid": guid}],
    ]
    talks = [talk(n, f"{8 + n:02d}:00", p) for n, p in enumerate(persons, start=1)]
    run_import(edition, frab_json({"Hall": talks}, acronym="pretalx-demo"))
    assert Speaker.objects.filter(name="Li Na").count() == 2
    # The person with a GUID is that speaker in any file, whatever its source.
    other = november_edition(2023)
    again = [talk(9, "09:00", [{"name": "Li Na", "guid": guid}])]
    run_import(other, frab_json({"Hall": again}, acronym="elsewhere"))
    assert Speaker.objects.filter(name="Li Na").count() == 2
    assert Speaker.objects.get(guid=guid).sessions.count() == 2


def test_three_hundred_synthetic_speakers_stay_three_hundred():
    """The benchmark's synthetic conference: 300 speakers whose generated names repeat, each
    with a GUID, as this site exports them (it lost 17 and mixed up 29 talks before)."""
    edition = november_edition()
    rooms = {}
    for n in range(300):
        room = f"Room {n % 10}"
        start = f"{8 + (n // 10) // 3:02d}:{((n // 10) % 3) * 20:02d}"
        person = {
            "id": 1000 + n,
            "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"speaker-{n}")),
            "public_name": f"Speaker {n % 17}",
        }
        event = talk(n, start, [person]) | {"room": room}
        rooms.setdefault(room, []).append(event)
    data = frab_json(rooms, acronym="synthetic")
    report = run_import(edition, data)
    assert len(report.speakers.created) == Speaker.objects.count() == 300
    assert all(
        s.speakers.get().guid == uuid.uuid5(uuid.NAMESPACE_URL, f"speaker-{s.title[5:]}")
        for s in Session.objects.filter(edition=edition).prefetch_related("speakers")
    )
    assert not run_import(edition, data).changes_anything


# --- 2. an import never changes another edition -----------------------------------------------


@exports_built_at_once
def test_importing_into_one_edition_leaves_the_rooms_of_another_alone(client):
    source = build_program()
    target, files = copy_target(client, source)
    before = list(Room.objects.filter(edition=source).values("guid", "name_en", "name_zh_hans"))
    run_import(target, files["xml", "zh-hans"], language="zh-hans")
    run_import(target, files["json", "en"])
    assert list(Room.objects.filter(edition=source).values("guid", "name_en", "name_zh_hans")) == (
        before
    )
    copies = Room.objects.filter(edition=target).order_by("name_en")
    assert [(r.name_en, r.name_zh_hans) for r in copies] == [
        ("Hall A", "A厅"),
        ("Lab 3", "3号实验室"),
    ]
    originals = Room.objects.filter(edition=source, name_en__in=["Hall A", "Lab 3"])
    assert {r.guid for r in copies} == {derived_guid(r.guid, target) for r in originals}


@exports_built_at_once
def test_a_file_in_another_language_than_chosen_is_refused(client):
    source = build_program()
    target, files = copy_target(client, source)
    rooms = list(Room.objects.values_list("name_en", flat=True))
    with pytest.raises(ScheduleError) as refused:
        run_import(target, files["xml", "zh-hans"], language="en")
    first = refused.value.messages[0]
    assert first.startswith("6 events of the file are in Simplified Chinese")
    assert "choose Simplified Chinese as the language of the file's texts" in first
    assert "“Opening keynote”" not in first and "is in “zh”" in refused.value.messages[1]
    assert Session.objects.filter(edition=target).count() == 0
    assert list(Room.objects.values_list("name_en", flat=True)) == rooms


def test_events_in_a_language_the_site_does_not_translate_go_in_the_chosen_one():
    edition = november_edition()
    german = talk(1, "09:00", [{"id": 1, "public_name": "Max Mustermann"}], language="de")
    run_import(edition, frab_json({"Hall": [german]}))
    assert Session.objects.get(edition=edition).title_en == "Talk 1"


def test_a_clash_with_another_edition_names_it():
    edition = november_edition()
    other = november_edition(2023)
    hall = RoomFactory(edition=edition, name_en="Hall")
    # A room still shared (as before rooms belonged to editions), written past the checks.
    Session.objects.create(
        edition=other,
        title_en="Elsewhere",
        room=hall,
        start=datetime.datetime(2022, 11, 22, 9, 10, tzinfo=SHANGHAI),
        end=datetime.datetime(2022, 11, 22, 9, 40, tzinfo=SHANGHAI),
    )
    data = frab_json({"Hall": [talk(1, "09:00", [])]})
    with pytest.raises(ScheduleError) as refused:
        run_import(edition, data)
    assert f"“Elsewhere” of the edition {other}" in refused.value.messages[0]


def test_a_session_may_not_use_a_room_of_another_edition():
    edition = november_edition()
    session = SessionFactory.build(
        edition=edition, room=RoomFactory(edition=november_edition(2023))
    )
    with pytest.raises(Exception, match="This room belongs to another edition"):
        session.full_clean()


def test_rooms_shared_by_editions_are_split_by_the_migration():
    module = __import__(
        "events.migrations.0012_h13b_edition_rooms_speaker_identities", fromlist=["x"]
    )
    older, newer = november_edition(2019), november_edition(2022)
    shared = RoomFactory(edition=older, name_en="Main hall", name_zh_hans="主会场", capacity=300)
    old_talk = SessionFactory(edition=older, room=shared)
    new_talk = SessionFactory(edition=newer, room=shared)
    module.split_shared_rooms(apps, None)
    shared.refresh_from_db()
    old_talk.refresh_from_db()
    new_talk.refresh_from_db()
    # The latest edition keeps the row and its GUID; the earlier one gets a copy.
    assert (shared.edition, new_talk.room) == (newer, shared)
    copy = old_talk.room
    assert (copy.edition, copy.name_zh_hans, copy.capacity) == (older, "主会场", 300)
    assert copy.guid == uuid.uuid5(shared.guid, "edition:2019")


def test_the_preview_keeps_the_uploaded_file_for_the_import(client, run_tasks):
    edition = november_edition(time_zone="Asia/Shanghai")
    organizer = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(organizer)
    data = frab_json({"Hall": [talk(1, "09:00", [])]}, zone="Europe/Berlin")
    file = io.BytesIO(data)
    file.name = "schedule.json"
    url = reverse("admin:events_edition_import_schedule", args=[edition.pk])
    response = client.post(
        url, {"file": file, "language": "en", "time_zone": "convert", "_preview": "1"}
    )
    run_tasks()
    preview = ScheduleImport.objects.get()
    assert bytes(preview.upload) == data and preview.time_zone_choice == "convert"
    assert preview.status == ScheduleImport.Status.DONE, preview.problems
    client.post(response["Location"])
    run_tasks()
    imported = ScheduleImport.objects.get(kind="import")
    assert (imported.status, imported.time_zone_choice) == ("done", "convert")
    assert Session.objects.get(edition=edition).start == datetime.datetime(
        2022, 11, 22, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )


# --- 3. time zones: never a silent shift --------------------------------------------------------


def berlin_file() -> bytes:
    """A Europe/Berlin camp's 11:00 talk, its times without an offset, as frab XML has them."""
    return b"""<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>2022.1</version>
  <conference>
    <acronym>camp2022</acronym>
    <title>Camp 2022</title>
    <start>2022-11-22</start>
    <end>2022-11-22</end>
    <days>1</days>
    <timeslot_duration>00:15</timeslot_duration>
    <time_zone_name>Europe/Berlin</time_zone_name>
  </conference>
  <day index="1" date="2022-11-22" start="2022-11-22T10:00:00+01:00"
       end="2022-11-23T03:00:00+01:00">
    <room name="Zelt 1">
      <event guid="6a7c1f0e-4d2b-5e8f-9a3c-1b2d3e4f5a6b" id="4711">
        <date>2022-11-22T11:00:00</date>
        <start>11:00</start>
        <duration>00:40</duration>
        <room>Zelt 1</room>
        <slug>camp2022-4711-drohnen</slug>
        <title>Drohnen bauen</title>
        <language>de</language>
        <persons><person id="12">Erika Musterfrau</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_a_file_in_another_time_zone_is_refused_offering_the_choice():
    edition = november_edition(time_zone="Asia/Shanghai")
    with pytest.raises(ScheduleError) as refused:
        run_import(edition, berlin_file())
    (message,) = refused.value.messages
    assert "in the time zone Europe/Berlin, the edition's in Asia/Shanghai" in message
    assert "--time-zone=convert or --time-zone=adopt" in message
    assert Session.objects.count() == 0


def test_converting_keeps_the_moment_of_the_files_wall_clock():
    edition = november_edition(time_zone="Asia/Shanghai")
    run_import(edition, berlin_file(), time_zone="convert")
    session = Session.objects.get()
    assert session.start == datetime.datetime(2022, 11, 22, 11, tzinfo=BERLIN)
    assert session.start.astimezone(SHANGHAI).hour == 18  # Berlin is on winter time then.
    assert Edition.objects.get(pk=edition.pk).time_zone == "Asia/Shanghai"


def test_adopting_moves_the_edition_to_the_files_time_zone():
    edition = november_edition(time_zone="Asia/Shanghai")
    preview = run_import(edition, berlin_file(), time_zone="adopt", dry_run=True)
    assert preview.sessions.created and Edition.objects.get(pk=edition.pk).time_zone == (
        "Asia/Shanghai"
    )
    run_import(edition, berlin_file(), time_zone="adopt")
    edition.refresh_from_db()
    assert edition.time_zone == "Europe/Berlin"
    assert Session.objects.get().start.astimezone(edition.tzinfo).hour == 11


def test_the_command_offers_the_time_zone_choice(tmp_path):
    november_edition(time_zone="Asia/Shanghai")
    path = tmp_path / "schedule.xml"
    path.write_bytes(berlin_file())
    with pytest.raises(CommandError, match="Europe/Berlin"):
        call_command("import_schedule", str(path), "--edition", "2022", stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "import_schedule", str(path), "--edition", "2022", "--time-zone", "convert", stdout=out
    )
    assert "Imported into the 2022 edition." in out.getvalue()


# --- 4. old frab GUIDs --------------------------------------------------------------------------


def old_frab_file() -> bytes:
    """A 2014 frab schedule.xml: base64 GUIDs, persons with ids."""
    return b"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>Ruby Red</version>
  <conference>
    <acronym>31c3</acronym>
    <title>31C3</title>
    <time_zone_name>Asia/Shanghai</time_zone_name>
  </conference>
  <day index="1" date="2022-11-22">
    <room name="Saal 1">
      <event id="6558" guid="hixbG3OS0o1-lkJG36qcug">
        <date>2022-11-22T11:30:00+08:00</date>
        <start>11:30</start>
        <duration>01:00</duration>
        <room>Saal 1</room>
        <title>Opening event</title>
        <language>en</language>
        <persons><person id="4937">erdgeist</person></persons>
      </event>
      <event id="6372" guid="AmDJ1vYfRzG2EuYpoaa_RA">
        <date>2022-11-22T12:45:00+08:00</date>
        <start>12:45</start>
        <duration>01:00</duration>
        <room>Saal 1</room>
        <title>Keynote</title>
        <language>en</language>
        <persons><person id="4893">Alec Empire</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_old_base64_frab_guids_become_stable_uuids():
    edition = november_edition()
    run_import(edition, old_frab_file())
    session = Session.objects.get(title_en="Opening event")
    assert session.guid == uuid.uuid5(OLD_GUID_NAMESPACE, "hixbG3OS0o1-lkJG36qcug")
    again = run_import(edition, old_frab_file())
    assert not again.changes_anything and Session.objects.count() == 2


def test_a_guid_that_is_neither_form_is_still_refused():
    data = old_frab_file().replace(b"hixbG3OS0o1-lkJG36qcug", b"not a guid")
    with pytest.raises(ScheduleError, match="“not a guid” is not a GUID"):
        parse(data, default_tz=SHANGHAI)


# --- 5. safe XML ------------------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE schedule [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{n} "{("&lol" + str(n - 1 if n > 1 else "") + ";") * 10}">\n'.encode()
        for n in range(1, 10)
    )
    + b"]>\n<schedule><conference><title>&lol9;</title></conference></schedule>\n"
)
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE schedule SYSTEM "http://attacker.example/evil.dtd">
<schedule><conference><title>Talks</title></conference></schedule>
"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        EXTERNAL_ENTITY,
        BILLION_LAUGHS.decode()
        .replace('version="1.0"?', 'version="1.0" encoding="UTF-16"?')
        .encode("utf-16"),
    ],
    ids=["billion laughs", "external entity", "billion laughs in UTF-16"],
)
def test_a_doctype_declaring_entities_is_refused_without_expanding_them(data):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ScheduleError) as refused:
        parse(data, default_tz=SHANGHAI)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    (message,) = refused.value.messages
    assert message.startswith("The file's DOCTYPE declares entities")
    # Not a timing test: a refusal that expanded the bomb would take seconds and 100 MB.
    assert peak < 20 * 1024 * 1024, (peak, elapsed)


def test_an_external_dtd_is_refused_and_never_loaded():
    with pytest.raises(ScheduleError, match="points to an external DTD"):
        parse(EXTERNAL_DTD, default_tz=SHANGHAI)


def test_a_doctype_without_entities_is_read():
    data = old_frab_file().replace(b"<schedule>", b"<!DOCTYPE schedule>\n<schedule>", 1)
    assert len(parse(data, default_tz=SHANGHAI).events) == 2


# --- 7. formats the import does not read ---------------------------------------------------------

SCHEDULE_V2 = json.dumps(
    {
        "$schema": "https://c3voc.de/schedule/schema2.json",
        "version": "2.0",
        "conference": {
            "acronym": "39c3",
            "title": "39th Chaos Communication Congress",
            "time_zone_name": "Europe/Berlin",
            "rooms": [{"name": "Saal 1", "guid": "ba692ba3-421b-5371-8309-60acc34a3c05"}],
            "days": [{"index": 0, "date": "2025-12-27"}],
        },
        "events": [
            {
                "guid": "7a4f8f34-0e6b-5d3c-8a0b-6f6b6b1e2a11",
                "title": "Opening",
                "start": "2025-12-27T10:30:00+01:00",
                "duration": 1800,
                "room": "ba692ba3-421b-5371-8309-60acc34a3c05",
            }
        ],
    }
).encode()
HUB_SCHEDULE = json.dumps(
    {
        "schedule": {
            "version": "hub-1",
            "conference": {"acronym": "hub", "title": "Hub", "days": [{"index": 0}]},
            "events": [{"title": "Talk"}],
        }
    }
).encode()
PENTABARF_XCAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<iCalendar xmlns:pentabarf="http://pentabarf.org" xmlns:xCal="urn:ietf:params:xml:ns:xcal">
  <vcalendar>
    <version>2.0</version>
    <prodid>-//Pentabarf//Schedule//EN</prodid>
    <vevent>
      <pentabarf:event-id>2001</pentabarf:event-id>
      <dtstart>20221122T090000</dtstart>
      <summary>Opening</summary>
    </vevent>
  </vcalendar>
</iCalendar>
"""
ICALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (SCHEDULE_V2, "This is a schedule v2 JSON file"),
        (HUB_SCHEDULE, "This is a schedule v2 JSON file"),
        (PENTABARF_XCAL, "This is an xCal calendar (pentabarf's schedule.xcal export)"),
        (ICALENDAR, "This is an iCalendar file (.ics)"),
    ],
    ids=["c3voc schedule v2", "hub events list", "pentabarf xcal", "icalendar"],
)
def test_unsupported_formats_are_named_and_refused(data, named):
    with pytest.raises(ScheduleError) as refused:
        parse(data, default_tz=SHANGHAI)
    (message,) = refused.value.messages
    assert message.startswith(named) and "not supported" in message


def test_the_admin_shows_why_a_v2_file_is_refused(run_tasks):
    edition = november_edition()
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    file = io.BytesIO(SCHEDULE_V2)
    file.name = "schedule.json"
    url = reverse("admin:events_edition_import_schedule", args=[edition.pk])
    response = client.post(url, {"file": file, "language": "en", "_preview": "1"})
    run_tasks()
    page = client.get(response["Location"]).content.decode()
    assert "This is a schedule v2 JSON file" in page


# --- 6. abstracts: formatted text, never literal tags ----------------------------------------

HTML_ABSTRACT = (
    "<p>Robots that <strong>learn</strong> from <small>(very)</small> few examples.</p>"
    '<p onclick="steal()">Second paragraph.<script>alert(1)</script></p>'
)
MARKDOWN_ABSTRACT = (
    "Robots that **learn** from few examples.\n\n"
    "- grasping\n- walking\n\n"
    "See [the paper](https://example.org/paper)."
)
PLAIN_ABSTRACT = "Robots that learn from few examples.\n\nA second paragraph, 2 < 3."


@pytest.fixture
def published():
    return november_edition(is_published=True)


def import_abstract(edition, abstract):
    event = talk(1, "09:00", []) | {"abstract": abstract}
    run_import(edition, frab_json({"Hall": [event]}))
    return Session.objects.get(edition=edition)


def abstract_section(client, session) -> str:
    html = client.get(session.get_absolute_url()).content.decode()
    start = html.index('id="abstract-title"')
    return html[start : html.index("</section>", start)]


def test_an_html_abstract_is_sanitized_and_shown_formatted(client, published):
    session = import_abstract(published, HTML_ABSTRACT)
    assert "<script" not in session.abstract_en and "onclick" not in session.abstract_en
    shown = abstract_section(client, session)
    assert "<strong>learn</strong>" in shown and "<small>(very)</small>" in shown
    assert "&lt;" not in shown and "alert(1)" not in shown


def test_a_markdown_abstract_is_rendered(client, published):
    session = import_abstract(published, MARKDOWN_ABSTRACT)
    shown = abstract_section(client, session)
    assert "<strong>learn</strong>" in shown and "**" not in shown
    assert "<li>grasping</li>" in shown
    assert 'href="https://example.org/paper"' in shown


def test_a_plain_abstract_keeps_its_paragraphs(client, published):
    session = import_abstract(published, PLAIN_ABSTRACT)
    assert session.abstract_en == PLAIN_ABSTRACT
    shown = abstract_section(client, session)
    assert "<p>Robots that learn from few examples.</p>" in shown
    assert "<p>A second paragraph, 2 &lt; 3.</p>" in shown


def test_the_calendar_reads_a_rich_abstract_as_text(client, published):
    session = import_abstract(published, HTML_ABSTRACT)
    response = client.get(f"/2022/sessions/{session.pk}/session.ics")
    text = response.content.decode().replace("\r\n ", "")
    assert "Robots that learn from (very) few examples." in text and "<strong>" not in text


@exports_built_at_once
def test_the_benchmarks_synthetic_conference_comes_through_the_import_whole(client):
    """bench/synthetic's normal edition (300 speakers whose names repeat, 400 sessions),
    exported, its speakers removed, and imported into another edition: every speaker back,
    every session with its own speakers (the import kept 283 and mixed up 29 talks before)."""
    from bench.generate import generate

    generate(size="normal", year=2090)
    source = Edition.objects.get(year=2090)
    data = client.get("/2090/schedule.json").getvalue()
    target = EditionFactory(
        year=2091,
        start_date=source.start_date,
        end_date=source.end_date,
        time_zone=source.time_zone,
    )
    original = {
        derived_guid(s.guid, target): [link.speaker.guid for link in s.ordered_speakers]
        for s in Session.objects.filter(edition=source).with_listing_data()
    }
    speakers = Speaker.objects.filter(sessions__edition=source).distinct()
    assert speakers.count() == 300 > len(set(speakers.values_list("name", flat=True)))
    Speaker.objects.all().delete()  # as on a site that never had them

    run_import(target, data)

    assert Speaker.objects.count() == 300
    assert {
        s.guid: [link.speaker.guid for link in s.ordered_speakers]
        for s in Session.objects.filter(edition=target).with_listing_data()
    } == original


def test_inline_html_becomes_one_paragraph_and_typed_text_with_a_tag_stays_text(client, published):
    session = import_abstract(published, "Robots that <em>learn</em>.")
    assert session.abstract_en == "<p>Robots that <em>learn</em>.</p>"
    session.abstract_en = "Why 2 <b> 1 matters."  # typed in the admin: plain text
    session.save()
    assert "Why 2 &lt;b&gt; 1 matters." in abstract_section(client, session)
