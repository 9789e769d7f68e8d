"""What a program listing shows (templates/jinja2/partials/session_list.html), for all its rows.

The program page lists hundreds of sessions. Rendered session by session from model instances,
each row built a session, a room, a sub-forum and an instance per speaker, reversed three kinds of
address and looked its kind, its delivery and every label up again. Here the sessions and their
speakers are read as plain values in two queries, every address comes from one ``reverse()`` per
URL pattern, and each kind, room, sub-forum, speaker and time slot is worked out once. The rows
hold plain text, no markup: the template writes and escapes them.
"""

import datetime
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format

from .models import Edition, Mode, Room, Session, SessionSpeaker, Speaker, SubForum
from .models.program import kind_label, kind_tag, language_label, text_language
from .translated_values import TranslatedValue
from .url_templates import url_template


@dataclass(slots=True)
class SpeakerLine:
    url: str
    name: str  # with the honorific where the language puts it
    affiliation: str


@dataclass(slots=True)
class SubForumLink:
    url: str
    title: str


# Objects rather than dictionaries: Jinja2 tries an attribute before a key, and a failed attribute
# lookup on a dictionary costs as much as the rest of the value's rendering. Texts shared by many
# sessions are worked out once a page.
@dataclass(slots=True)
class SessionRow:
    pk: int
    day: datetime.date  # the conference day (Edition.conference_day)
    kind: str
    kind_label: str
    language_label: str  # "German", "English (interpreted into Chinese)"; "" when not known
    text_lang: str  # the ``lang`` of the title where it differs from the page's, else ""
    delivery_label: str
    is_sample: bool
    title: str
    url: str
    date_iso: str
    date_label: str  # the day in the language's DATE_FORMAT
    start_iso: str  # ISO 8601 with the edition's UTC offset
    start_time: str  # 09:30
    end_iso: str
    end_time: str
    speakers: list[SpeakerLine]
    sub_forum: SubForumLink | None  # None: a plenary session
    room: str  # "" without a room


class _Memo(dict):
    """``memo[key]`` is ``make(key)``, made the first time the key is asked for."""

    def __init__(self, make: Callable):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def session_rows(sessions: QuerySet[Session], edition: Edition) -> list[SessionRow]:
    """``sessions`` (filtered and in order) as ``edition``'s listings show them, in the active
    language: two queries, the sessions with their rooms and sub-forums, then their speakers."""
    title = TranslatedValue(Session, "title")
    room_name = TranslatedValue(Room, "name", "room__")
    room_building = TranslatedValue(Room, "building", "room__")
    sub_forum_title = TranslatedValue(SubForum, "title", "sub_forum__")
    values = sessions.values(
        "pk",
        "kind",
        "kind_name",
        "language",
        "interpretation_language",
        "delivery",
        "is_sample",
        "start",
        "end",
        "room_id",
        "sub_forum_id",
        "sub_forum__slug",
        *title.columns,
        *room_name.columns,
        *room_building.columns,
        *sub_forum_title.columns,
    )
    session_url = url_template("events:session", "pk", year=edition.year)
    sub_forum_url = url_template("events:sub_forum", "slug", year=edition.year)
    delivery_labels = dict(Mode.choices)
    kinds = _Memo(lambda kind: kind_label(*kind))
    deliveries = _Memo(lambda mode: str(delivery_labels.get(mode, mode)))
    languages = _Memo(lambda pair: language_label(*pair))
    clock = _Memo(lambda moment: _Clock(moment, edition))
    days = _Memo(_Day)
    rooms: dict[int | None, str] = {None: ""}
    sub_forums: dict[int | None, SubForumLink | None] = {None: None}
    rows = []
    for session in values:
        start, end = clock[session["start"]], clock[session["end"]]
        day = days[start.day]
        room_id, sub_forum_id = session["room_id"], session["sub_forum_id"]
        if room_id not in rooms:
            rooms[room_id] = Room.label(room_name(session), room_building(session))
        if sub_forum_id not in sub_forums:
            sub_forums[sub_forum_id] = SubForumLink(
                url=sub_forum_url % {"slug": session["sub_forum__slug"]},
                title=sub_forum_title(session),
            )
        session_title = title(session)
        # "Lunch" needs no "Lunch" tag beside it.
        tag = kind_tag(kinds[session["kind"], session["kind_name"]], session["kind"], session_title)
        rows.append(
            SessionRow(
                pk=session["pk"],
                day=start.day,
                kind=session["kind"],
                kind_label=tag,
                language_label=languages[session["language"], session["interpretation_language"]],
                text_lang=text_language(session["language"]),
                delivery_label=deliveries[session["delivery"]],
                is_sample=session["is_sample"],
                title=session_title,
                url=session_url % {"pk": session["pk"]},
                date_iso=day.iso,
                date_label=day.label,
                start_iso=start.iso,
                start_time=start.time,
                end_iso=end.iso,
                end_time=end.time,
                speakers=[],
                sub_forum=sub_forums[sub_forum_id],
                room=rooms[room_id],
            )
        )
    _add_speakers(rows, edition)
    return rows


class _Clock:
    """A moment as the edition's clock reads it (sessions share a few dozen start times)."""

    def __init__(self, moment: datetime.datetime, edition: Edition):
        local = timezone.localtime(moment, edition.tzinfo)
        self.day = edition.conference_day(moment)
        self.iso = local.isoformat()
        self.time = local.strftime("%H:%M")


class _Day:
    """A day as a listing writes it (a speaker's sessions show their date)."""

    def __init__(self, day: datetime.date):
        self.iso = day.isoformat()
        self.label = date_format(day, "DATE_FORMAT")


def _add_speakers(rows: list[SessionRow], edition: Edition) -> None:
    """Fill each row's speakers, in their order on the session (one query; none without rows)."""
    if not rows:
        return
    by_session = {row.pk: row.speakers for row in rows}
    honorific = TranslatedValue(Speaker, "honorific", "speaker__")
    affiliation = TranslatedValue(Speaker, "affiliation", "speaker__")
    links = (
        SessionSpeaker.objects.filter(session_id__in=by_session)
        .order_by("order", "pk")
        .values(
            "session_id",
            "speaker_id",
            "speaker__slug",
            "speaker__name",
            "speaker__name_original",
            *honorific.columns,
            *affiliation.columns,
        )
    )
    speaker_url = url_template("events:speaker", "slug", year=edition.year)
    language = translation.get_language()
    lines: dict[int, SpeakerLine] = {}
    for link in links:
        speaker_id = link["speaker_id"]
        if speaker_id not in lines:
            name = Speaker.compose_display_name(
                link["speaker__name"], honorific(link), language, link["speaker__name_original"]
            )
            lines[speaker_id] = SpeakerLine(
                url=speaker_url % {"slug": link["speaker__slug"]},
                name=name,
                affiliation=affiliation(link),
            )
        by_session[link["session_id"]].append(lines[speaker_id])


def by_day(rows: Iterable[SessionRow]) -> list[tuple[datetime.date, list[SessionRow]]]:
    """[(day, [rows])] for rows in time order."""
    return [(day, list(items)) for day, items in itertools.groupby(rows, key=lambda r: r.day)]
