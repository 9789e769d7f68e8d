"""The program in the frab schedule format, ``schedule.xml`` and ``schedule.json``.

Conference apps (Giggity, EventFahrplan, ConfClerk…) and media teams read this format; frab and
pretalx write it. Both files follow the public schemas of the format (voc/schedule's
``schedule.xml.xsd`` and ``schema.json``, kept with their source in ``tests/data/frab/``), which
want a numeric ``id`` and a UUID ``guid`` for every event, dates with their UTC offset, and
acronyms and slugs of a restricted alphabet. Texts are in the active language.

A plenary session has the track "Plenary" and a session without a room is listed under "Online"
or "Room to be announced" (see ``vocabulary``): the format wants both for every event.
"""

import datetime
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from common.absolute_urls import absolute_url
from events.models import Edition, Session, SessionLink, SubForum
from events.url_templates import url_template

from .vocabulary import room_name, track_name

GENERATOR = "conference-site"
JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
TIMESLOT = "00:05"
# Characters XML 1.0 cannot carry at all; they are dropped from texts.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What the schemas allow in a track slug (XSD: a letter first; JSON: no separator last).
_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]")


def acronym(edition: Edition) -> str:
    """``icie2022``: the series' slug and the year, in the letters both schemas accept."""
    base = re.sub(r"[^a-z0-9_]", "", edition.series.slug.lower())
    return f"{base}{edition.year}"


def event_slug(edition_acronym: str, session: Session) -> str:
    """``icie2022-17-opening-keynote``, the same in both languages (from the English title)."""
    title = slugify(session.title_en or "")[:60].strip("-_") or "session"
    return f"{edition_acronym}-{session.pk}-{title}"


def _hh_mm(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(value) -> str:
    return _NOT_XML.sub("", str(value or ""))


@dataclass
class Day:
    index: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    # room name -> (room GUID or None, sessions in order)
    rooms: dict[str, tuple[str | None, list[Session]]] = field(default_factory=dict)


class FrabSchedule:
    """One edition's program, written as frab XML or JSON from the same data."""

    def __init__(self, *, edition: Edition, sessions: list[Session], sub_forums: list[SubForum]):
        self.edition = edition
        self.sessions = sessions
        self.sub_forums = sub_forums
        self.acronym = acronym(edition)

    # --- what both files hold -------------------------------------------------------------

    @cached_property
    def days(self) -> list[Day]:
        """Every day of the edition (and any day a session falls on outside it), by room."""
        tz = self.edition.tzinfo
        by_date: dict[datetime.date, list[Session]] = defaultdict(list)
        for session in self.sessions:
            session.local_start = timezone.localtime(session.start, tz)
            # A session after midnight but before the day change is on the day before.
            by_date[self.edition.conference_day(session.start)].append(session)
        days = []
        for index, date in enumerate(sorted(set(self.edition.days) | set(by_date)), start=1):
            day = Day(index, date, *self.edition.day_bounds(date))
            for session in by_date[date]:
                guid = str(session.room.guid) if session.room_id else None
                day.rooms.setdefault(room_name(session), (guid, []))[1].append(session)
            # Rooms by name, the "Online" and "Room to be announced" lists last.
            day.rooms = dict(sorted(day.rooms.items(), key=lambda i: (i[1][0] is None, i[0])))
            days.append(day)
        return days

    @cached_property
    def tracks(self) -> list[dict]:
        tracks = []
        for sub_forum in self.sub_forums:
            track = {"name": sub_forum.title}
            if _TRACK_SLUG.fullmatch(sub_forum.slug):
                track["slug"] = sub_forum.slug
            tracks.append(track)
        return tracks

    def url(self, name: str) -> str:
        return absolute_url(reverse(name, kwargs={"year": self.edition.year}))

    # Hundreds of sessions and speakers: each pattern is reversed once (see url_templates).
    @cached_property
    def _session_path(self) -> str:
        return url_template("events:session", "pk", year=self.edition.year)

    @cached_property
    def _speaker_path(self) -> str:
        return url_template("events:speaker", "slug", year=self.edition.year)

    def session_url(self, session: Session) -> str:
        return absolute_url(self._session_path % {"pk": session.pk})

    def speaker_url(self, speaker) -> str:
        return absolute_url(self._speaker_path % {"slug": speaker.slug})

    @cached_property
    def _link_titles(self) -> dict[str, str]:
        return {"livestream": _("Livestream"), "replay": _("Replay")}

    def links(self, session: Session) -> list[dict]:
        """The public livestream and replay, then the session's own links."""
        return [
            {"url": url, "title": self._link_titles[kind], "type": "media"}
            for kind, url in session.public_links.items()
        ] + self.references(session, SessionLink.Kind.LINK)

    def references(self, session: Session, kind: str) -> list[dict]:
        """The session's links or attachments (``SessionLink.Kind``), titled, in their order."""
        return [
            {"url": link.url, "title": link.title}
            for link in session.ordered_links
            if link.kind == kind
        ]

    @cached_property
    def version(self) -> str:
        """Changes whenever anything in the program does: a digest of the JSON days."""
        days = json.dumps(self.json_days, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(days.encode()).hexdigest()[:12]

    # --- schedule.json --------------------------------------------------------------------

    def _json_event(self, session: Session, room: str) -> dict:
        local_end = timezone.localtime(session.end, self.edition.tzinfo)
        return {
            "id": session.pk,
            "guid": str(session.guid),
            "date": session.local_start.isoformat(),
            "start": session.local_start.strftime("%H:%M"),
            "end": local_end.isoformat(),
            "duration": _hh_mm(session.duration),
            "room": room,
            "slug": event_slug(self.acronym, session),
            "url": self.session_url(session),
            "title": session.title,
            "subtitle": session.subtitle,
            "track": track_name(session),
            "type": session.frab_type,
            # The language the session is given in (not the file's): none when not known.
            "language": session.language or None,
            "abstract": session.abstract,
            "description": session.description,
            "persons": [
                {
                    "guid": str(link.speaker.guid),
                    "name": link.speaker.name,
                    "public_name": link.speaker.name,
                    "biography": link.speaker.biography or None,
                    "avatar": absolute_url(link.speaker.photo.url) if link.speaker.photo else None,
                    "url": self.speaker_url(link.speaker),
                }
                for link in session.ordered_speakers
            ],
            "links": self.links(session),
            "attachments": self.references(session, SessionLink.Kind.ATTACHMENT),
        }

    @cached_property
    def json_days(self) -> list[dict]:
        return [
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": {
                    name: [self._json_event(session, name) for session in sessions]
                    for name, (_guid, sessions) in day.rooms.items()
                },
            }
            for day in self.days
        ]

    def json_data(self) -> dict:
        rooms = {}
        for session in self.sessions:
            if session.room_id:
                room = session.room
                rooms[room.pk] = {
                    "name": room.name,
                    "guid": str(room.guid),
                    "capacity": room.capacity,
                    "description": room.directions or None,
                }
        return {
            "$schema": JSON_SCHEMA,
            "generator": {"name": GENERATOR, "url": absolute_url("/")},
            "schedule": {
                "url": self.url("events:schedule_json"),
                "version": self.version,
                "base_url": absolute_url("/"),
                "conference": {
                    "acronym": self.acronym,
                    "title": self.edition.title,
                    "start": self.days[0].date.isoformat(),
                    "end": self.days[-1].date.isoformat(),
                    "daysCount": len(self.days),
                    "timeslot_duration": TIMESLOT,
                    "time_zone_name": self.edition.time_zone,
                    "url": self.url("events:edition"),
                    "rooms": list(rooms.values()),
                    "tracks": self.tracks,
                    "days": self.json_days,
                },
            },
        }

    def to_json(self) -> str:
        return json.dumps(self.json_data(), ensure_ascii=False, indent=1)

    # --- schedule.xml ---------------------------------------------------------------------

    def to_xml(self) -> bytes:
        root = etree.Element("schedule")
        etree.SubElement(
            root, "generator", name=GENERATOR, system=urlsplit(settings.SITE_URL).netloc
        )
        _add(root, "url", self.url("events:schedule_xml"))
        _add(root, "version", self.version)
        conference = etree.SubElement(root, "conference")
        _add(conference, "acronym", self.acronym)
        _add(conference, "title", self.edition.title)
        _add(conference, "start", self.days[0].date.isoformat())
        _add(conference, "end", self.days[-1].date.isoformat())
        _add(conference, "days", str(len(self.days)))
        _add(conference, "timeslot_duration", TIMESLOT)
        _add(conference, "base_url", absolute_url("/"))
        _add(conference, "url", self.url("events:edition"))
        _add(conference, "time_zone_name", self.edition.time_zone)
        for track in self.tracks:
            etree.SubElement(conference, "track", {k: _text(v) for k, v in track.items()})
        for day, json_day in zip(self.days, self.json_days, strict=True):
            day_element = etree.SubElement(
                root,
                "day",
                index=str(day.index),
                date=day.date.isoformat(),
                start=day.start.isoformat(),
                end=day.end.isoformat(),
            )
            for name, (guid, sessions) in day.rooms.items():
                room = etree.SubElement(day_element, "room", name=_text(name))
                if guid:
                    room.set("guid", guid)
                for session, data in zip(sessions, json_day["rooms"][name], strict=True):
                    self._xml_event(room, session, data)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

    def _xml_event(self, room: etree._Element, session: Session, data: dict) -> None:
        event = etree.SubElement(room, "event", id=str(data["id"]), guid=data["guid"])
        for name in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
            _add(event, name, data[name])
        for name in ("track", "type", "language", "abstract", "description"):
            _add(event, name, data[name])
        persons = etree.SubElement(event, "persons")
        for link in session.ordered_speakers:
            person = _add(persons, "person", link.speaker.name)
            person.set("id", str(link.speaker.pk))
            person.set("guid", str(link.speaker.guid))
        links = etree.SubElement(event, "links")
        for link in data["links"]:
            _add(links, "link", link["title"]).set("href", link["url"])
        attachments = etree.SubElement(event, "attachments")
        for attachment in data["attachments"]:
            _add(attachments, "attachment", attachment["title"]).set("href", attachment["url"])


def _add(parent: etree._Element, tag: str, text) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = _text(text)
    return element
