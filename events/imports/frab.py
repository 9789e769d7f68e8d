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
from urllib.parse import urljoin

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.utils.translation import gettext as _
from lxml import etree

from . import formats

# Enough to show what is wrong without burying the organizer.
MAX_MESSAGES = 30
_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
# What a session's link or attachment can hold (events.models.SessionLink).
MAX_URL = 2000
MAX_TITLE = 300


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
    subtitle: str = ""
    description: str = ""
    # The code as the file writes it ("de", "en-US", "zh"); the import maps it to ours.
    language: str = ""
    # (title, absolute URL) pairs, in the file's order.
    links: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Schedule:
    title: str
    acronym: str
    events: list[Event]
    # Track name -> slug, where the file lists its tracks with slugs.
    track_slugs: dict[str, str] = field(default_factory=dict)
    # The file's time zone, where it names one this site knows (see ``time_zones``).
    time_zone_name: str = ""
    # When the file's conference day ends (its ``day_change``, or where its days end after
    # midnight); ``None`` when the file does not say.
    day_change: datetime.time | None = None


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
        self.day_change: datetime.time | None = None
        self.base_url = ""

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
            abstract=(values.get("abstract") or "").strip(),
            track=(values.get("track") or "").strip(),
            type=(values.get("type") or "").strip(),
            persons=persons,
            where=where,
            subtitle=(values.get("subtitle") or "").strip(),
            description=_description(values.get("abstract"), values.get("description")),
            language=(values.get("language") or "").strip(),
            links=values.get("links") or [],
            attachments=values.get("attachments") or [],
        )

    def _start(self, locate, date, day, start) -> datetime.datetime | None:
        try:
            if date:
                value = datetime.datetime.fromisoformat(date.strip())
            elif day and start:
                value = datetime.datetime.fromisoformat(f"{day.strip()[:10]}T{start.strip()}")
                if self.day_change and value.time() < self.day_change:
                    # A start after midnight but before the day change is on the next date.
                    value += datetime.timedelta(days=1)
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

    def read_day_change(self, where: str, value) -> None:
        """The conference's ``day_change`` ("04:00", "04:00:00"), if it states one."""
        value = _string(value).strip()
        if not value:
            return
        try:
            self.day_change = datetime.time.fromisoformat(value)
        except ValueError:
            self.error(where, _("“%(value)s” is not a time of day.") % {"value": value})

    def day_ends(self, value) -> None:
        """Learn the day change from where a day ends (``2024-07-19T04:00:00+02:00``), when
        the file does not state it: a day ending after midnight ends at its day change."""
        if self.day_change is not None or not value:
            return
        with contextlib.suppress(ValueError):
            end = datetime.datetime.fromisoformat(_string(value).strip())
            if end.tzinfo is not None:
                end = end.astimezone(self.tz)  # as the file's clock reads it
            if end.minute == 59:  # pretalx ends its days at 03:59 for a 04:00 day change
                end += datetime.timedelta(minutes=1)
            if end.time() != datetime.time.min and end.hour < 12:
                self.day_change = end.time().replace(second=0, microsecond=0)

    def reference(self, where: str, title, url) -> tuple[str, str] | None:
        """A link or attachment: its title and absolute URL (a relative one read against the
        file's ``base_url``); ``None`` (with a message) when it has no usable address."""
        url = _string(url).strip()
        if self.base_url and url and "://" not in url:
            url = urljoin(self.base_url, url)
        try:
            URLValidator()(url)
        except ValidationError:
            self.error(where, _("“%(value)s” is not a web address.") % {"value": url[:200]})
            return None
        if len(url) > MAX_URL:
            self.error(
                where,
                _("the address is longer than %(limit)s characters.") % {"limit": MAX_URL},
            )
            return None
        title = " ".join(_string(title).split()) or url
        return title[:MAX_TITLE], url

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
            day_change=self.day_change,
        )


def _description(abstract, description) -> str:
    """The description, kept apart from the abstract; none where it only repeats it (some
    tools write the abstract into both)."""
    description = (description or "").strip()
    return "" if description == (abstract or "").strip() else description


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
            self.base_url = _text(conference, "base_url")
            if (day_change := conference.find("day_change")) is not None:
                where = _("line %(line)s") % {"line": day_change.sourceline}
                self.read_day_change(where, "".join(day_change.itertext()))
            for track in conference.findall("track"):
                if track.get("name") and track.get("slug"):
                    track_slugs[track.get("name").strip()] = track.get("slug").strip()
        events = []
        for day in root.iterfind("day"):
            self.day_ends(day.get("end"))
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
        for kind, path in (("links", "links/link"), ("attachments", "attachments/attachment")):
            values[kind] = [
                self.reference(
                    _("line %(line)s") % {"line": item.sourceline},
                    "".join(item.itertext()),
                    item.get("href"),
                )
                for item in element.iterfind(path)
            ]
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
    "subtitle",
    "language",
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
        self.base_url = _string(schedule.get("base_url") or conference.get("base_url"))
        self.read_day_change("schedule.conference.day_change", conference.get("day_change"))
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
        for day in days:
            if isinstance(day, dict):
                self.day_ends(day.get("day_end"))
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
        for kind in ("links", "attachments"):
            values[kind] = []
            for r, reference in enumerate(self._list(item, where, kind)):
                reference_where = f"{where}.{kind}[{r}]"
                if isinstance(reference, str):  # Some tools list bare addresses.
                    reference = {"url": reference}
                if not isinstance(reference, dict):
                    self.error(reference_where, _("a link is expected."))
                    continue
                values[kind].append(
                    self.reference(reference_where, reference.get("title"), reference.get("url"))
                )
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
