"""The program as iCalendar (RFC 5545): a whole edition, a sub-forum or one session.

Times carry the edition's zone (``DTSTART;TZID=Asia/Shanghai``) with its VTIMEZONE, so a calendar
in any zone shows them right. UIDs are the sessions' GUIDs, the same in both languages and in
every export, so a subscribed calendar updates its events instead of adding new ones.
Texts are in the active language: ``/zh-hans/2022/program.ics`` is the Chinese calendar.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vDuration

from common.absolute_urls import absolute_url
from events.models import Edition, Mode, Session, Speaker
from events.url_templates import url_template

from .abstract_text import abstract_text
from .vocabulary import ONLINE, PLENARY, track_name

# How often a subscribed calendar should look for changes (RFC 7986 and Outlook's name for it).
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "conference.invalid"


def session_uid(session: Session) -> str:
    return f"{session.guid}@{uid_domain()}"


def calendar(*, edition: Edition, sessions: Iterable[Session], name: str) -> Calendar:
    """A calendar of ``sessions`` (from ``queries.program_sessions``) named ``name``."""
    cal = Calendar()
    language = translation.get_language() or settings.LANGUAGE_CODE
    cal.add("prodid", f"-//{uid_domain()}//Conference program//{language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", edition.time_zone)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    stamp = timezone.now().replace(microsecond=0)
    first = last = edition.start_date
    events = _EventWriter(edition, stamp)
    for session in sessions:
        cal.add_component(events.event(session))
        first = min(first, session.start.date())
        last = max(last, session.end.date())
    # The zone's rules for the years the program spans, not the whole of 1970–2038.
    cal.add_missing_timezones(
        first_date=datetime.date(first.year, 1, 1),
        last_date=datetime.date(max(last, edition.end_date).year + 1, 1, 1),
    )
    return cal


class _EventWriter:
    """The events of one calendar. What sessions share (the address pattern, kind labels, room
    locations, speaker names, sub-forum lines) is worked out once for the whole calendar."""

    def __init__(self, edition: Edition, stamp: datetime.datetime):
        self.tz = edition.tzinfo
        self.stamp = stamp
        self.session_path = url_template("events:session", "pk", year=edition.year)
        self.venue = [part for part in (edition.venue, edition.city) if part]
        self.online = str(ONLINE)
        self.plenary = str(PLENARY)
        self.rooms: dict[int, str] = {}
        self.names: dict[int, str] = {}
        self.sub_forums: dict[int, str] = {}

    def event(self, session: Session) -> Event:
        url = absolute_url(self.session_path % {"pk": session.pk})
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", self.stamp)
        event.add("dtstart", timezone.localtime(session.start, self.tz))
        event.add("dtend", timezone.localtime(session.end, self.tz))
        if session.text_language:
            # RFC 5545 LANGUAGE: a German talk's title is German on the English calendar too.
            event.add("summary", session.title, parameters={"LANGUAGE": session.text_language})
        else:
            event.add("summary", session.title)
        event.add("location", self.location(session))
        event.add("description", self.description(session, url))
        event.add("url", url)
        kind = session.kind_label
        event.add("categories", [kind, track_name(session)])
        return event

    def location(self, session: Session) -> str:
        """Room, building, venue and city, as far as they are known."""
        if session.room_id:
            if session.room_id not in self.rooms:
                parts = [session.room.name, session.room.building, *self.venue]
                self.rooms[session.room_id] = ", ".join(part for part in parts if part)
            return self.rooms[session.room_id]
        if session.delivery == Mode.ONLINE:
            return self.online
        return ", ".join(self.venue)

    def description(self, session: Session, url: str) -> str:
        """Speakers, track, language, subtitle, abstract, links and attachments and the
        session's address (many calendars hide URL)."""
        names = [self.name(link.speaker) for link in session.ordered_speakers]
        paragraphs = []
        if names:
            paragraphs.append(
                ngettext("Speaker: %(names)s", "Speakers: %(names)s", len(names))
                % {"names": ", ".join(names)}
            )
        if session.sub_forum_id:
            if session.sub_forum_id not in self.sub_forums:
                title = session.sub_forum.title
                self.sub_forums[session.sub_forum_id] = _("Sub-forum: %(title)s") % {"title": title}
            paragraphs.append(self.sub_forums[session.sub_forum_id])
        else:
            paragraphs.append(self.plenary)
        if session.language:
            paragraphs.append(_("Language: %(language)s") % {"language": session.language_label})
        if session.subtitle:
            paragraphs.append(session.subtitle.strip())
        if session.abstract:
            paragraphs.append(abstract_text(session.abstract))
        links = getattr(session, "ordered_links", [])
        if links:
            paragraphs.append("\n".join(f"{link.title}: {link.url}" for link in links))
        paragraphs.append(url)
        return "\n\n".join(paragraphs)

    def name(self, speaker: Speaker) -> str:
        if speaker.pk not in self.names:
            self.names[speaker.pk] = speaker.display_name
        return self.names[speaker.pk]
