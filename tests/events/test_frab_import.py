"""Importing a frab schedule: round trips, updates instead of duplicates, clear errors, no half
imports, a bounded number of queries, and the command that runs it."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.imports.frab import ScheduleError, parse
from events.imports.program import derived_guid, import_schedule_file
from events.models import Room, Session, SessionLink, SessionSpeaker, Speaker, SubForum
from tests.events.sample_program import build_program, program_of
from tests.factories import SHANGHAI, EditionFactory, RoomFactory, SpeakerFactory, UserFactory

# The whole edition's files are built by the request that asks for them (no worker in a test).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

MODELS = (Room, SubForum, Speaker, Session, SessionSpeaker)


def export(client, edition, kind="xml", prefix="") -> bytes:
    response = client.get(f"{prefix}/{edition.year}/schedule.{kind}")
    assert response.status_code == 200
    return response.getvalue()


def new_edition_like(edition, year=2031):
    return EditionFactory(
        year=year, start_date=edition.start_date, end_date=edition.end_date, is_published=True
    )


def copy_target(client, source):
    """The exports of ``source`` and a new edition on the same dates to import them into.

    The source then moves a week later: rooms are shared by all editions, and a room holds
    one session at a time, so the two programs must not overlap.
    """
    files = {
        (kind, language): export(client, source, kind, prefix)
        for kind in ("xml", "json")
        for language, prefix in (("en", ""), ("zh-hans", "/zh-hans"))
    }
    translation.activate(settings.LANGUAGE_CODE)  # The Chinese request left Chinese active.
    target = new_edition_like(source)
    week = datetime.timedelta(days=7)
    source.start_date += week
    source.end_date += week
    source.save()
    Session.objects.filter(edition=source).update(start=F("start") + week, end=F("end") + week)
    return target, files


def run_import(edition, data, *, language="en", dry_run=False):
    return import_schedule_file(edition=edition, data=data, language=language, dry_run=dry_run)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_round_trip_into_a_new_edition_gives_the_same_program(client, kind):
    source = build_program()
    original = program_of(source)
    target, files = copy_target(client, source)
    rooms, speakers = Room.objects.count(), Speaker.objects.count()
    run_import(target, files[kind, "en"])
    run_import(target, files[kind, "zh-hans"], language="zh-hans")
    # Each edition has its own rooms: the source's are copied under GUIDs derived from theirs
    # (so a re-import finds them again); speakers are shared, found again by GUID.
    assert program_of(target) == [
        row[:4] + (row[4] and derived_guid(row[4], target),) + row[5:] for row in original
    ]
    assert (Room.objects.count(), Speaker.objects.count()) == (rooms + 2, speakers)
    assert list(target.sub_forums.values_list("slug", flat=True)) == ["vision", "robotics"]
    online = Session.objects.get(edition=target, title_en="Robots in class")
    assert online.room is None and online.delivery == "online"


def test_round_trip_into_another_site_recreates_rooms_speakers_and_guids(client):
    source = build_program()
    data = export(client, source, "json")
    original = program_of(source)
    guids = set(Session.objects.values_list("guid", flat=True))
    source.delete()
    Room.objects.all().delete()
    Speaker.objects.all().delete()
    target = new_edition_like(source)
    run_import(target, data)
    assert set(Session.objects.values_list("guid", flat=True)) == guids
    imported = program_of(target)
    # English texts only (the Chinese ones come with the Chinese file); the rest is the same.
    assert [row[:1] + row[2:-1] for row in imported] == [row[:1] + row[2:-1] for row in original]
    assert set(Speaker.objects.values_list("name", flat=True)) == {
        "Ada Lovelace",
        "Bo Li",
        "Chen Wei",
    }


def test_second_import_updates_instead_of_duplicating(client):
    target, files = copy_target(client, build_program())
    data = files["xml", "en"]
    first = run_import(target, data)
    assert len(first.sessions.created) == 6
    before = counts()
    second = run_import(target, data)
    assert counts() == before
    assert second.sessions.created == [] and second.sessions.updated == []
    assert second.sessions.unchanged == 6
    changed = data.replace(b"<title>Seeing machines</title>", b"<title>Seeing better</title>")
    third = run_import(target, changed)
    assert third.sessions.updated == ["Seeing better"] and counts() == before
    assert Session.objects.filter(edition=target, title_en="Seeing better").exists()


def test_import_into_the_same_edition_changes_nothing(client):
    edition = build_program()
    before = program_of(edition)
    report = run_import(edition, export(client, edition))
    assert program_of(edition) == before
    assert not report.changes_anything


def test_sessions_missing_from_the_file_stay_as_they_are(client):
    edition = build_program()
    document = json.loads(export(client, edition, "json"))
    del document["schedule"]["conference"]["days"][1]["rooms"]["Online"]
    report = run_import(edition, json.dumps(document).encode())
    assert report.not_in_file == 1
    assert report.summary()[-1] == (
        "1 session of this edition is not in the file and stays as it is."
    )
    assert Session.objects.filter(edition=edition, title_en="Robots in class").exists()


def test_import_follows_a_new_speaker_order(client):
    target, files = copy_target(client, build_program())
    run_import(target, files["xml", "en"])
    document = json.loads(files["json", "en"])
    day = document["schedule"]["conference"]["days"][0]
    seeing = next(e for e in day["rooms"]["Hall A"] if e["title"] == "Seeing machines")
    seeing["persons"].reverse()
    seeing["persons"].pop(0)  # Bo Li leaves the session.
    report = run_import(target, json.dumps(document).encode())
    assert report.sessions.updated == ["Seeing machines"]
    session = Session.objects.get(edition=target, title_en="Seeing machines")
    names = [
        link.speaker.name
        for link in session.session_speakers.select_related("speaker").order_by("order")
    ]
    assert names == ["Ada Lovelace", "Chen Wei"]


def test_dry_run_writes_nothing_and_tells_what_would_change(client):
    target, files = copy_target(client, build_program())
    data = files["xml", "en"]
    before = counts()
    report = run_import(target, data, dry_run=True)
    assert counts() == before
    assert report.dry_run and len(report.sessions.created) == 6
    assert report.summary()[-1] == "Sessions: 6 to create, 0 to update, 0 unchanged"


FOREIGN_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1.0</version>
  <conference>
    <acronym>democon</acronym>
    <title>DemoCon</title>
    <time_zone_name>Asia/Shanghai</time_zone_name>
  </conference>
  <day index="1" date="2022-11-22" start="2022-11-22T04:00:00+08:00" end="2022-11-23T04:00:00Z">
    <room name="Saal 1">
      <event id="101" guid="0b5b4e2a-7a4e-4c52-9e57-6f1f6a0d2a11">
        <date>2022-11-22T09:00:00</date>
        <start>09:00</start>
        <duration>01:00</duration>
        <room>Saal 1</room>
        <title>Building robots</title>
        <track>Hardware &amp; Making</track>
        <type>Talk</type>
        <abstract>How to build a robot.</abstract>
        <description>Long description.</description>
        <persons>
          <person id="7">Jane Doe</person>
          <person id="8">Max Mustermann</person>
        </persons>
      </event>
      <event id="102">
        <start>10:30</start>
        <duration>00:30</duration>
        <title>Workshop</title>
        <track>Hardware &amp; Making</track>
        <type>Workshop</type>
        <abstract></abstract>
        <persons><person>Jane Doe</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_foreign_schedule_creates_rooms_tracks_and_speakers():
    edition = EditionFactory(year=2022)
    existing = SpeakerFactory(name="Jane Doe", slug="jane-doe")
    report = run_import(edition, FOREIGN_XML)
    assert report.rooms.created == ["Saal 1"]
    assert report.sub_forums.created == ["Hardware & Making"]
    # People are matched by identity, never by name: the Jane Doe already on the site may be
    # another person, so the file's Jane Doe (id 7 of "democon") is a new speaker, and the
    # summary says how to make her the existing one.
    assert report.speakers.created == ["Jane Doe", "Max Mustermann"]
    assert any("“Jane Doe” becomes a new speaker" in line for line in report.summary())
    assert "“id:7” of the source “democon”" in report.summary()[-1]
    talk = Session.objects.get(edition=edition, title_en="Building robots")
    # A time without an offset is read in the file's time zone.
    assert talk.start == datetime.datetime(2022, 11, 22, 9, tzinfo=SHANGHAI)
    assert talk.kind == Session.Kind.TALK
    assert talk.abstract_en == "How to build a robot."
    assert talk.description_en == "Long description."
    assert talk.sub_forum.slug == "hardware-making"
    assert [s.pk for s in talk.speakers.order_by("session_links__order")][0] != existing.pk
    workshop = Session.objects.get(edition=edition, title_en="Workshop")
    assert workshop.start == datetime.datetime(2022, 11, 22, 10, 30, tzinfo=SHANGHAI)
    assert workshop.kind == Session.Kind.WORKSHOP
    # The event without a GUID gets one made from its id: the next import finds it again.
    again = run_import(edition, FOREIGN_XML)
    assert not again.changes_anything and Session.objects.filter(edition=edition).count() == 2


def test_rooms_sharing_one_guid_are_told_apart_by_name():
    edition = EditionFactory(year=2022)
    guid = b' guid="b379c473-93b9-4eae-9a09-d482e86cede3">'
    two_rooms = FOREIGN_XML.replace(b'<room name="Saal 1">', b'<room name="Saal 1"' + guid).replace(
        b'      <event id="102">',
        b'    </room>\n    <room name="Saal 2"' + guid + b'\n      <event id="102">',
    )
    report = run_import(edition, two_rooms)
    assert sorted(report.rooms.created) == ["Saal 1", "Saal 2"]
    assert Session.objects.get(title_en="Workshop").room.name == "Saal 2"


def test_malformed_xml_names_the_line_and_writes_nothing():
    edition = EditionFactory(year=2022)
    broken = FOREIGN_XML.replace(b"</title>\n        <track>", b"</titel>\n        <track>", 1)
    before = counts()
    with pytest.raises(ScheduleError) as caught:
        run_import(edition, broken)
    assert caught.value.messages[0].startswith("Line 16, column 39: the XML is malformed")
    assert counts() == before


def test_malformed_json_names_the_line_and_writes_nothing(client):
    target, files = copy_target(client, build_program())
    data = files["json", "en"].replace(b'"title"', b"'title'", 1)
    line = next(n for n, text in enumerate(data.splitlines(), 1) if b"'title'" in text)
    before = counts()
    with pytest.raises(ScheduleError) as caught:
        run_import(target, data)
    assert caught.value.messages[0].startswith(f"Line {line}, column")
    assert counts() == before


def test_a_bad_field_names_its_json_path_and_nothing_is_written(client):
    target, files = copy_target(client, build_program())
    document = json.loads(files["json", "en"])
    day = document["schedule"]["conference"]["days"][1]
    day["rooms"]["Online"][0]["duration"] = "forty minutes"
    before = counts()
    with pytest.raises(ScheduleError) as caught:
        run_import(target, json.dumps(document).encode())
    assert caught.value.messages == [
        'schedule.conference.days[1].rooms["Online"][0].duration: '
        "“forty minutes” is not a duration (hours:minutes)."
    ]
    assert counts() == before


def test_a_bad_field_names_its_xml_line():
    edition = EditionFactory(year=2022)
    broken = FOREIGN_XML.replace(b"<duration>01:00</duration>", b"<duration>soon</duration>")
    with pytest.raises(ScheduleError) as caught:
        run_import(edition, broken)
    assert caught.value.messages == ["line 14: “soon” is not a duration (hours:minutes)."]


def test_events_outside_the_editions_dates_are_refused_whole():
    edition = EditionFactory(
        year=2022, start_date=datetime.date(2022, 11, 23), end_date=datetime.date(2022, 11, 23)
    )
    with pytest.raises(ScheduleError) as caught:
        run_import(edition, FOREIGN_XML)
    assert len(caught.value.messages) == 2
    assert caught.value.messages[0].startswith("line 11: “Building robots” (2022-11-22 09:00)")
    assert Session.objects.count() == 0 and Room.objects.count() == 0


def test_room_clashes_are_refused_naming_both_events():
    edition = EditionFactory(year=2022)
    clashing = FOREIGN_XML.replace(b"<start>10:30</start>", b"<start>09:30</start>")
    with pytest.raises(ScheduleError) as caught:
        run_import(edition, clashing)
    (message,) = caught.value.messages
    assert "Saal 1 is booked twice" in message
    assert "“Building robots” at 2022-11-22 09:00" in message and "“Workshop” at 09:30" in message
    assert Session.objects.count() == 0


def test_a_clash_with_a_session_already_booked_is_refused(client):
    target, files = copy_target(client, build_program())
    hall = RoomFactory(edition=target, name_en="Hall A", name_zh_hans="A厅")
    Session.objects.create(
        edition=target,
        title_en="Already here",
        room=hall,
        start=datetime.datetime.combine(target.start_date, datetime.time(9, 30), tzinfo=SHANGHAI),
        end=datetime.datetime.combine(target.start_date, datetime.time(9, 50), tzinfo=SHANGHAI),
    )
    with pytest.raises(ScheduleError) as caught:
        run_import(target, files["xml", "en"])
    assert "“Already here”" in caught.value.messages[0]
    assert Session.objects.filter(edition=target).count() == 1


def test_chinese_import_fills_the_chinese_texts_only(client):
    target, files = copy_target(client, build_program())
    run_import(target, files["xml", "en"])
    assert not Session.objects.filter(edition=target).exclude(title_zh_hans=None).exists()
    run_import(target, files["json", "zh-hans"], language="zh-hans")
    session = Session.objects.get(edition=target, title_en="Opening keynote")
    assert session.title_zh_hans == "开幕主旨报告"
    assert session.abstract_en == "Where industry and education meet."


def test_chinese_import_adds_the_chinese_link_titles_and_keeps_the_english(client):
    target, files = copy_target(client, build_program())
    run_import(target, files["json", "en"])
    run_import(target, files["xml", "zh-hans"], language="zh-hans")
    links = SessionLink.objects.filter(session__edition=target).order_by("kind", "order")
    assert list(links.values_list("title_en", "title_zh_hans")) == [
        ("Slides", "演示文稿"),
        ("Project page", None),  # the Chinese file gave the English title: nothing to add
    ]
    # Each language's file again: nothing changes, nothing is lost.
    assert not run_import(target, files["json", "en"]).changes_anything
    assert not run_import(target, files["json", "zh-hans"], language="zh-hans").changes_anything
    assert links.count() == 2


def test_several_thousand_events_import_in_a_bounded_number_of_queries():
    edition = EditionFactory(
        year=2022, start_date=datetime.date(2022, 11, 22), end_date=datetime.date(2022, 11, 26)
    )
    small, large = frab_program(30, "Small room"), frab_program(3000, "Room")
    with CaptureQueriesContext(connection) as queries:
        run_import(edition, small)
    small_reads = reads(queries)
    other = EditionFactory(year=2023, start_date=edition.start_date, end_date=edition.end_date)
    with CaptureQueriesContext(connection) as queries:
        report = run_import(other, large)
    assert len(report.sessions.created) == 3000
    # Reads are the same few whatever the size (the edition, rooms, sub-forums, speakers, their
    # identities in the file's source, their slugs, sessions, speaker lists, links and
    # attachments, and the editions whose pages show the shared speakers and rooms, made stale at
    # the end); writes, the rows and their history records, go in batches of at most 500 rows
    # (fewer on SQLite, which takes 999 parameters a query).
    assert reads(queries) == small_reads == 10
    assert len(queries) < 3000 / 10
    with CaptureQueriesContext(connection) as queries:
        again = run_import(other, large)
    # Nothing to write; one more read, for sessions of other editions in the same rooms.
    assert not again.changes_anything
    assert (reads(queries), len(queries)) == (10, 12)


def reads(queries) -> int:
    return sum(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


def frab_program(size: int, room_name: str) -> bytes:
    """A frab JSON program of ``size`` events over five days in 20 rooms ("``room_name`` N"),
    with two speakers each."""
    days = []
    for d in range(5):
        rooms = {}
        for n in range(size // 5):
            room = f"{room_name} {n % 20}"
            minute = (n // 20) * 5
            rooms.setdefault(room, []).append(
                {
                    "id": d * 100_000 + n + 1,
                    "guid": f"00000000-0000-4000-8000-{d:04d}{n:08d}",
                    "date": f"2022-11-{22 + d}T{8 + minute // 60:02d}:{minute % 60:02d}:00+08:00",
                    "duration": "00:05",
                    "room": room,
                    "title": f"Talk {d}-{n}",
                    "track": f"Track {n % 7}",
                    "type": "talk",
                    "abstract": "About it.",
                    "persons": [
                        {"name": f"Person {n % 500}"},
                        {"name": f"Person {(n + 1) % 500}"},
                    ],
                }
            )
        days.append({"index": d + 1, "date": f"2022-11-{22 + d}", "rooms": rooms})
    document = {"schedule": {"version": "1", "conference": {"title": "Big", "days": days}}}
    return json.dumps(document).encode()


# --- the command ------------------------------------------------------------------------------


def test_command_imports_a_file(client, tmp_path):
    target, files = copy_target(client, build_program())
    path = tmp_path / "schedule.xml"
    path.write_bytes(files["xml", "en"])
    out = io.StringIO()
    call_command("import_schedule", str(path), "--edition", str(target.year), stdout=out)
    assert "Sessions: 6 created, 0 updated, 0 unchanged" in out.getvalue()
    assert program_of(target) != [] and len(program_of(target)) == 6


def test_command_dry_run_writes_nothing(client, tmp_path):
    target, files = copy_target(client, build_program())
    path = tmp_path / "schedule.json"
    path.write_bytes(files["json", "en"])
    out = io.StringIO()
    before = counts()
    call_command(
        "import_schedule", str(path), "--edition", str(target.year), "--dry-run", stdout=out
    )
    assert counts() == before
    assert "Sessions: 6 to create" in out.getvalue() and "nothing was written" in out.getvalue()


def test_command_reports_errors_with_their_line(tmp_path):
    edition = EditionFactory(year=2022)
    path = tmp_path / "schedule.xml"
    path.write_bytes(b"<schedule>\n<day>\n</schedule>")
    with pytest.raises(CommandError, match="Line 3"):
        call_command("import_schedule", str(path), "--edition", str(edition.year))
    with pytest.raises(CommandError, match="no 1999 edition"):
        call_command("import_schedule", str(path), "--edition", "1999")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_schedule", str(tmp_path / "missing.xml"), "--edition", "2022")


# The admin page that runs imports through the task queue: test_schedule_import_admin.py.


# --- files that crashed the reader ----------------------------------------------------------
# Found by tests/security/test_hostile_input.py: each raised something else than ScheduleError,
# a server error on the admin page. Each is now refused with a message that says why.


def _json_event(**fields) -> bytes:
    event = {"id": 1, "title": "Talk", "start": "09:00", "duration": "00:30", **fields}
    day = {"date": "2022-11-22", "rooms": {"Hall": [event]}}
    return json.dumps({"schedule": {"conference": {"days": [day]}}}).encode()


def _xml_event(day: str) -> bytes:
    return (
        f'<schedule><day date="{day}"><room name="Hall"><event id="1"><title>Talk</title>'
        "<start>23:00</start><duration>99:00</duration></event></room></day></schedule>"
    ).encode()


CRASHED_THE_READER = {
    "a number of 5,000 digits": (b'{"schedule": ' + b"1" * 5000 + b"}", "a number too long"),
    "nesting deeper than Python recurses": (
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "nested too deeply",
    ),
    "tracks that are not a list": (
        b'{"schedule": {"conference": {"tracks": 5, "rooms": 7, "days": []}}}',
        "schedule.conference.tracks: a list is expected.",
    ),
    "persons that are not a list": (
        _json_event(persons=5),
        'schedule.conference.days[0].rooms["Hall"][0].persons: a list is expected.',
    ),
    "a NUL character, which PostgreSQL cannot store": (
        _json_event(title="Ta\x00lk"),
        "schedule.conference.days[0].rooms.Hall[0].title: Null characters are not allowed.",
    ),
    "the calendar's last year": (_xml_event("9999-12-31"), "too far in the past or the future"),
    "the calendar's first year": (_xml_event("0001-01-01"), "too far in the past or the future"),
}


@pytest.mark.parametrize("case", CRASHED_THE_READER)
def test_files_that_crashed_the_reader_are_refused_with_a_message(case):
    data, message = CRASHED_THE_READER[case]
    with pytest.raises(ScheduleError) as refused:
        parse(data, default_tz=SHANGHAI)
    assert any(message in line for line in refused.value.messages), refused.value.messages


def test_a_folder_of_the_time_zone_database_is_not_taken_for_a_zone():
    data = json.loads(_json_event())
    data["schedule"]["conference"]["time_zone_name"] = "Asia"  # a folder: OSError, not a zone
    schedule = parse(json.dumps(data).encode(), default_tz=SHANGHAI)
    assert schedule.events[0].start == datetime.datetime(2022, 11, 22, 9, tzinfo=SHANGHAI)


def test_an_import_is_in_the_admins_history_with_who_made_it():
    edition = EditionFactory(
        year=2022, start_date=datetime.date(2022, 11, 22), end_date=datetime.date(2022, 11, 26)
    )
    organizer = UserFactory(is_staff=True)
    import_schedule_file(
        edition=edition, data=frab_program(10, "Room"), language="en", by=organizer
    )
    created = Session.history.filter(history_type="+", history_user=organizer)
    assert created.count() == Session.objects.filter(edition=edition).count() == 10
    assert set(created.values_list("history_change_reason", flat=True)) == {"Schedule import"}
    assert Speaker.history.filter(history_user=organizer).exists()
    assert Room.history.filter(history_user=organizer).exists()

    changed = frab_program(10, "Room").replace(b"Talk 0-1", b"Talk 0-1, revised")
    import_schedule_file(edition=edition, data=changed, language="en", by=organizer)
    session = Session.objects.get(edition=edition, title_en="Talk 0-1, revised")
    assert [h.title_en for h in session.history.order_by("history_date")] == [
        "Talk 0-1",
        "Talk 0-1, revised",
    ]
