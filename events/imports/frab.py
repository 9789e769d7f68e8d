"""Reading a frab schedule (``schedule.xml`` or ``schedule.json``) into plain data.

frab, pretalx, osem and others write this format, each a little differently, and their files
fail the public schemas more often than not, so the reader asks only for what an event needs:
a title, a start (``date`` with or without its offset, or the day's date and ``start``), a
duration (or, in JSON, an ``end``) and a room. A file it cannot read raises ``ScheduleError``
whose messages name the line (XML) or the field's path (JSON), so an organizer can find it.
"""

import contextlib
import datetime
import json
import re
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from lxml import etree

from . import formats

# Enough to show what is wrong without burying the organizer.
MAX_MESSAGES = 30
_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")


class ScheduleError(Exception):
    """A schedule that cannot be imported; each message names where in the file it went wrong."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class Person:
    name: str
    guid: uuid.UUID | None = None
    biography: str = ""
    # The file's own id of the person (frab's number, pretalx's code): unique within its source.
    id: str = ""


@dataclass
class Event:
    guid: uuid.UUID
    title: str
    start: datetime.datetime
    end: datetime.datetime
    room: str
    where: str
    room_guid: uuid.UUID | None = None
    abstract: str = ""
    track: str = ""
    type: str = ""
    persons: list[Person] = field(default_factory=list)
    # The language the file says the event's texts are in (checked against the import's).
    declared_language: str = ""


@dataclass
class Schedule:
    title: str
    acronym: str
    events: list[Event]
    # Track name -> slug, where the file lists its tracks with slugs.
    track_slugs: dict[str, str] = field(default_factory=dict)
    # The file's time zone, where it names one this site knows (see ``time_zones``).
    time_zone_name: str = ""


def parse(data: bytes, *, default_tz: datetime.tzinfo) -> Schedule:
    """The schedule in ``data``, XML or JSON (told apart by their first character).

    Times without an offset are read in the file's ``time_zone_name``, else in ``default_tz``.
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        formats.check_text(data)
        if head == b"<" or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            formats.check_xml(data)
            return _XmlReader(data, default_tz).read()
        if head == b"{":
            return _JsonReader(data, default_tz).read()
    except formats.UnsupportedFile as refused:
        raise ScheduleError([refused.message]) from None
    raise ScheduleError([_("This is neither a frab schedule.xml nor a schedule.json file.")])


class _Reader:
    def __init__(self, data: bytes, default_tz: datetime.tzinfo):
        self.data = data
        self.tz = default_tz
        self.acronym = ""
        self.time_zone_name = ""
        self.messages: list[str] = []
        self.seen: dict[uuid.UUID, str] = {}

    def error(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")
        if len(self.messages) >= MAX_MESSAGES:
            self.messages.append(_("… and maybe more; correct these first."))
            raise ScheduleError(self.messages)

    def use_time_zone(self, name: str) -> None:
        # A zone we do not know is ignored: times with offsets still read right. ("Asia" is a
        # folder of the zone database, not a zone: OSError.)
        with contextlib.suppress(ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
            self.tz = zoneinfo.ZoneInfo(name.strip())
            self.time_zone_name = name.strip()

    def event(self, locate, values: dict, *, day: str, persons: list[Person]) -> Event | None:
        """An event from its text fields; ``None`` (with a message) where one is unusable.

        ``locate(name)`` says where field ``name`` is (``locate(None)``: the event itself).
        """
        before = len(self.messages)
        where = locate(None)
        title = (values.get("title") or "").strip()
        if not title:
            self.error(where, _("the event has no title."))
        start = self._start(locate, values.get("date"), day, values.get("start"))
        end = None
        if start is not None:
            end = self._end(locate, start, values.get("duration"), values.get("end"))
        room = (values.get("room") or "").strip()
        if not room:
            self.error(where, _("the event has no room."))
        guid = self._guid(where, values.get("guid"), values.get("id"))
        room_guid = self._optional_uuid(where, values.get("room_guid"))
        if len(self.messages) > before:
            return None
        return Event(
            guid=guid,
            title=title,
            start=start,
            end=end,
            room=room,
            room_guid=room_guid,
            abstract=_join(values.get("abstract"), values.get("description")),
            track=(values.get("track") or "").strip(),
            type=(values.get("type") or "").strip(),
            persons=persons,
            where=where,
            declared_language=(values.get("language") or "").strip(),
        )

    def _start(self, locate, date, day, start) -> datetime.datetime | None:
        try:
            if date:
                value = datetime.datetime.fromisoformat(date.strip())
            elif day and start:
                value = datetime.datetime.fromisoformat(f"{day.strip()[:10]}T{start.strip()}")
            else:
                self.error(locate(None), _("the event has no date."))
                return None
        except ValueError:
            self.error(
                locate("date" if date else "start"),
                _("“%(value)s” is not a date and time.") % {"value": date or start},
            )
            return None
        return self._on_calendar(locate("date" if date else "start"), value)

    def _on_calendar(self, where: str, value: datetime.datetime) -> datetime.datetime | None:
        """``value`` in its zone; ``None`` (with a message) in the first or last year of the
        calendar, where another zone or a duration would take it off the calendar."""
        value = value if value.tzinfo else value.replace(tzinfo=self.tz)
        if not datetime.MINYEAR < value.year < datetime.MAXYEAR:
            self.error(
                where,
                _("“%(value)s” is too far in the past or the future.")
                % {"value": value.isoformat()},
            )
            return None
        return value

    def _end(self, locate, start, duration, end) -> datetime.datetime | None:
        if duration:
            match = _DURATION.fullmatch(duration.strip())
            if not match:
                self.error(
                    locate("duration"),
                    _("“%(value)s” is not a duration (hours:minutes).") % {"value": duration},
                )
                return None
            hours, minutes, seconds = (int(part or 0) for part in match.groups())
            value = start + datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)
        elif end:
            try:
                value = datetime.datetime.fromisoformat(end.strip())
            except ValueError:
                self.error(locate("end"), _("“%(value)s” is not a date and time.") % {"value": end})
                return None
            value = self._on_calendar(locate("end"), value)
            if value is None:
                return None
        else:
            self.error(locate(None), _("the event has no duration."))
            return None
        if value <= start:
            self.error(
                locate("duration" if duration else "end"),
                _("the event must last longer than zero minutes."),
            )
            return None
        return value

    def _optional_uuid(self, where, value) -> uuid.UUID | None:
        if not value:
            return None
        guid = formats.uuid_from(str(value))
        if guid is None:
            self.error(where, _("“%(value)s” is not a GUID.") % {"value": value})
        return guid

    def _guid(self, where, value, number) -> uuid.UUID | None:
        if value:
            guid = self._optional_uuid(where, value)
        elif number not in (None, ""):
            # frab's numeric ids are unique per conference; a GUID made from them stays the
            # same from one import to the next, so the second import updates the first.
            guid = uuid.uuid5(uuid.NAMESPACE_URL, f"frab:{self.acronym}:{number}")
        else:
            self.error(where, _("the event has neither a guid nor an id."))
            return None
        if guid in self.seen:
            self.error(
                where,
                _("the GUID %(guid)s is already used by the event at %(other)s.")
                % {"guid": guid, "other": self.seen[guid]},
            )
            return None
        if guid:
            self.seen[guid] = where
        return guid

    def person(self, where, name, guid, biography="", number=None) -> Person | None:
        name = " ".join((name or "").split())
        if not name:
            self.error(where, _("a person has no name."))
            return None
        return Person(
            name=name,
            guid=self._optional_uuid(where, guid),
            biography=(biography or "").strip(),
            id=_string(number).strip()[:200],
        )

    def finish(self, title: str, events: list[Event], track_slugs: dict[str, str]) -> Schedule:
        if self.messages:
            raise ScheduleError(self.messages)
        return Schedule(
            title=title,
            acronym=self.acronym,
            events=events,
            track_slugs=track_slugs,
            time_zone_name=self.time_zone_name,
        )


def _join(*texts) -> str:
    """Abstract and description, each once."""
    parts = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in parts:
            parts.append(text)
    return "\n\n".join(parts)


class _XmlReader(_Reader):
    def read(self) -> Schedule:
        # No network, no external entities, no entity expansion: the file comes from outside.
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            root = etree.fromstring(self.data, parser)
        except etree.XMLSyntaxError as error:
            line, column = error.position
            raise ScheduleError(
                [
                    _("Line %(line)s, column %(column)s: the XML is malformed: %(reason)s")
                    % {"line": line, "column": column, "reason": error.msg}
                ]
            ) from error
        formats.check_xml_root(etree.QName(root).localname, etree.QName(root).namespace)
        if root.tag != "schedule":
            raise ScheduleError(
                [
                    _("Line %(line)s: the document is <%(tag)s>, not a frab <schedule>.")
                    % {"line": root.sourceline, "tag": root.tag}
                ]
            )
        conference = root.find("conference")
        title = ""
        track_slugs = {}
        if conference is not None:
            title = _text(conference, "title")
            self.acronym = _text(conference, "acronym")
            if zone := _text(conference, "time_zone_name"):
                self.use_time_zone(zone)
            for track in conference.findall("track"):
                if track.get("name") and track.get("slug"):
                    track_slugs[track.get("name").strip()] = track.get("slug").strip()
        events = []
        for day in root.iterfind("day"):
            for room in day.iterfind("room"):
                for element in room.iterfind("event"):
                    events.append(self._event(element, day, room))
        return self.finish(title, [e for e in events if e], track_slugs)

    def _event(self, element, day, room) -> Event | None:
        def locate(name):
            child = None if name is None else element.find(name)
            line = (child if child is not None else element).sourceline
            return _("line %(line)s") % {"line": line}

        values = {name: _text(element, name) for name in _EVENT_FIELDS}
        values["guid"] = element.get("guid")
        values["id"] = element.get("id")
        values["room"] = room.get("name") or values["room"]
        values["room_guid"] = room.get("guid")
        values["language"] = _text(element, "language")
        persons = []
        for person in element.iterfind("persons/person"):
            person_where = _("line %(line)s") % {"line": person.sourceline}
            persons.append(
                self.person(person_where, person.text, person.get("guid"), number=person.get("id"))
            )
        return self.event(
            locate, values, day=day.get("date") or "", persons=[p for p in persons if p]
        )


_EVENT_FIELDS = (
    "title",
    "date",
    "start",
    "duration",
    "room",
    "abstract",
    "description",
    "track",
    "type",
)


def _text(element, tag: str) -> str:
    child = element.find(tag)
    return "" if child is None else "".join(child.itertext()).strip()


class _JsonReader(_Reader):
    def read(self) -> Schedule:
        try:
            document = json.loads(self.data.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise ScheduleError([_("The file is not UTF-8 text.")]) from error
        except json.JSONDecodeError as error:
            raise ScheduleError(
                [
                    _("Line %(line)s, column %(column)s: the JSON is malformed: %(reason)s")
                    % {"line": error.lineno, "column": error.colno, "reason": error.msg}
                ]
            ) from error
        except (ValueError, RecursionError) as error:
            # A number longer than Python converts (4,300 digits), or nesting deeper than it
            # recurses.
            raise ScheduleError(
                [_("The JSON cannot be read: it is nested too deeply or holds a number too long.")]
            ) from error
        formats.check_json(document)
        if path := _null_character(document):
            # PostgreSQL cannot store U+0000, which JSON can write (\u0000) and XML cannot.
            raise ScheduleError([f"{path}: {ProhibitNullCharactersValidator.message}"])
        schedule = self._object(document, "$", "schedule")
        conference = self._object(schedule, "schedule", "conference")
        self.acronym = str(conference.get("acronym") or "")
        if isinstance(zone := conference.get("time_zone_name"), str):
            self.use_time_zone(zone)
        track_slugs = {
            str(track["name"]).strip(): str(track["slug"]).strip()
            for track in self._list(conference, "schedule.conference", "tracks")
            if isinstance(track, dict) and track.get("name") and track.get("slug")
        }
        room_guids = {
            str(room.get("name")): room.get("guid")
            for room in self._list(conference, "schedule.conference", "rooms")
            if isinstance(room, dict)
        }
        days = conference.get("days")
        if not isinstance(days, list):
            raise ScheduleError(
                [_("%(path)s: a list of days is missing.") % {"path": "schedule.conference.days"}]
            )
        events = []
        for d, day in enumerate(days):
            path = f"schedule.conference.days[{d}]"
            rooms = self._object(day, path, "rooms")
            for name, items in rooms.items():
                room_path = f"{path}.rooms[{json.dumps(name, ensure_ascii=False)}]"
                if not isinstance(items, list):
                    self.error(room_path, _("a list of events is expected."))
                    continue
                for i, item in enumerate(items):
                    where = f"{room_path}[{i}]"
                    if not isinstance(item, dict):
                        self.error(where, _("an event is expected."))
                        continue
                    events.append(self._event(item, where, day, name, room_guids.get(name)))
        title = str(conference.get("title") or "")
        return self.finish(title, [e for e in events if e], track_slugs)

    def _list(self, parent: dict, path: str, key: str) -> list:
        """``parent[key]``, a list; an empty list when absent, and a message when not a list."""
        value = parent.get(key) or []
        if not isinstance(value, list):
            self.error(f"{path}.{key}", _("a list is expected."))
            return []
        return value

    def _object(self, parent, path: str, key: str) -> dict:
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, dict):
            raise ScheduleError([_("%(path)s: an object is missing.") % {"path": f"{path}.{key}"}])
        return value

    def _event(self, item: dict, where: str, day: dict, room: str, room_guid) -> Event | None:
        values = {name: _string(item.get(name)) for name in (*_EVENT_FIELDS, "end", "guid", "id")}
        values["room"] = room or values["room"]
        values["room_guid"] = room_guid
        values["language"] = _string(item.get("language"))
        persons = []
        for p, person in enumerate(self._list(item, where, "persons")):
            person_where = f"{where}.persons[{p}]"
            if not isinstance(person, dict):
                self.error(person_where, _("a person is expected."))
                continue
            name = person.get("public_name") or person.get("name")
            biography = _string(person.get("biography"))
            number = person.get("id") if person.get("id") is not None else person.get("code")
            persons.append(
                self.person(person_where, _string(name), person.get("guid"), biography, number)
            )

        def locate(name):
            return where if name is None else f"{where}.{name}"

        event_day = _string(day.get("date")) if isinstance(day, dict) else ""
        return self.event(locate, values, day=event_day, persons=[p for p in persons if p])


def _null_character(document) -> str | None:
    """Where the first text or key of a JSON document holding U+0000 is, if any."""
    stack = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            return path or "$"
        if isinstance(value, dict):
            for key, child in value.items():
                child_path = f"{path}.{key}" if path else key
                if "\x00" in key:
                    return child_path.replace("\x00", "\\u0000")
                stack.append((child_path, child))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", child) for i, child in enumerate(value))
    return None


def _string(value) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)
