"""What a program listing shows (templates/partials/session_list.html), worked out for all its rows.

The program page lists hundreds of sessions. Rendered session by session from model instances,
each row built a session, a room, a sub-forum and a speaker instance per speaker, reversed three
kinds of address, and looked its kind, its delivery and every label up again. Here the sessions
and their speakers are read as plain values in two queries, every address comes from one
``reverse()`` per URL pattern, each kind, room, sub-forum, speaker and day is worked out once, and
the template receives plain values.
"""

import datetime
import itertools
from collections.abc import Iterable
from typing import TypedDict

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from modeltranslation import settings as mt_settings
from modeltranslation.fields import NONE
from modeltranslation.thread_context import fallbacks_enabled
from modeltranslation.utils import build_localized_fieldname, resolution_order

from .models import Edition, Mode, Room, Session, SessionSpeaker, Speaker, SubForum
from .url_templates import url_template


class SpeakerLine(TypedDict):
    url: str
    name: str  # display name: with the honorific where the language puts it
    affiliation: str


class SubForumLink(TypedDict):
    url: str
    title: str


# Dictionaries rather than objects: the template engine reads a key at once, while an attribute
# costs it a failed key lookup first, and a page reads some 20 values a session.
class SessionRow(TypedDict):
    pk: int
    kind: str
    kind_label: str
    delivery_label: str
    is_sample: bool
    title: str
    url: str
    day: datetime.date  # as the edition's clock reads it
    date_iso: str
    date_label: str  # the day in the language's DATE_FORMAT
    start_iso: str  # ISO 8601 with the edition's UTC offset
    end_iso: str
    start_time: str  # 09:30
    end_time: str
    speakers: list[SpeakerLine]
    sub_forum: SubForumLink | None  # None: a plenary session
    room: str  # "" without a room


class _Translated:
    """One translated field read from ``values()`` columns as modeltranslation reads it on an
    instance: the active language first, then its fallback languages, skipping empty values."""

    def __init__(self, model, name: str, prefix: str = ""):
        descriptor = getattr(model, name)
        default = descriptor.field.get_default()
        undefined, fallback = descriptor.fallback_undefined, descriptor.fallback_value
        self.undefined = default if undefined is NONE else undefined
        self.default = fallback if fallback is not NONE and fallbacks_enabled() else default
        languages = resolution_order(translation.get_language(), descriptor.fallback_languages)
        self.order = [prefix + build_localized_fieldname(name, code) for code in languages]
        self.columns = [
            prefix + build_localized_fieldname(name, code)
            for code in mt_settings.AVAILABLE_LANGUAGES
        ]

    def __call__(self, values: dict):
        for column in self.order:
            value = values[column]
            if value is not None and value != self.undefined:
                return value
        return self.default


def session_rows(sessions: QuerySet[Session], edition: Edition) -> list[SessionRow]:
    """``sessions`` (filtered and in order) as ``edition``'s listings show them, in the active
    language: two queries, the sessions with their rooms and sub-forums, then their speakers."""
    tz = edition.tzinfo
    title = _Translated(Session, "title")
    room_name = _Translated(Room, "name", "room__")
    room_building = _Translated(Room, "building", "room__")
    sub_forum_title = _Translated(SubForum, "title", "sub_forum__")
    values = sessions.values(
        "pk",
        "kind",
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
    kinds = {value: str(label) for value, label in Session.Kind.choices}
    deliveries = {value: str(label) for value, label in Mode.choices}
    rooms: dict[int | None, str] = {None: ""}
    sub_forums: dict[int | None, SubForumLink | None] = {None: None}
    days: dict[datetime.date, tuple[str, str]] = {}
    rows = []
    for session in values:
        start = timezone.localtime(session["start"], tz)
        end = timezone.localtime(session["end"], tz)
        day = start.date()
        if day not in days:
            days[day] = (day.isoformat(), date_format(start, "DATE_FORMAT"))
        room_id = session["room_id"]
        if room_id not in rooms:
            rooms[room_id] = Room.label(room_name(session), room_building(session))
        sub_forum_id = session["sub_forum_id"]
        if sub_forum_id not in sub_forums:
            sub_forums[sub_forum_id] = SubForumLink(
                url=sub_forum_url % {"slug": session["sub_forum__slug"]},
                title=sub_forum_title(session),
            )
        rows.append(
            SessionRow(
                pk=session["pk"],
                kind=session["kind"],
                kind_label=kinds.get(session["kind"], session["kind"]),
                delivery_label=deliveries.get(session["delivery"], session["delivery"]),
                is_sample=session["is_sample"],
                title=title(session),
                url=session_url % {"pk": session["pk"]},
                day=day,
                date_iso=days[day][0],
                date_label=days[day][1],
                start_iso=start.isoformat(),
                end_iso=end.isoformat(),
                start_time=start.strftime("%H:%M"),
                end_time=end.strftime("%H:%M"),
                speakers=[],
                sub_forum=sub_forums[sub_forum_id],
                room=rooms[room_id],
            )
        )
    _add_speakers(rows, edition)
    return rows


def _add_speakers(rows: list[SessionRow], edition: Edition) -> None:
    """Fill each row's speakers, in their order on the session (one query; none without rows)."""
    if not rows:
        return
    by_session = {row["pk"]: row["speakers"] for row in rows}
    honorific = _Translated(Speaker, "honorific", "speaker__")
    affiliation = _Translated(Speaker, "affiliation", "speaker__")
    links = (
        SessionSpeaker.objects.filter(session_id__in=by_session)
        .order_by("order", "pk")
        .values(
            "session_id",
            "speaker_id",
            "speaker__slug",
            "speaker__name",
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
            lines[speaker_id] = SpeakerLine(
                url=speaker_url % {"slug": link["speaker__slug"]},
                name=Speaker.compose_display_name(
                    link["speaker__name"], honorific(link), language
                ),
                affiliation=affiliation(link),
            )
        by_session[link["session_id"]].append(lines[speaker_id])


def by_day(rows: Iterable[SessionRow]) -> list[tuple[datetime.date, list[SessionRow]]]:
    """[(day, [rows])] for rows in time order."""
    return [(day, list(items)) for day, items in itertools.groupby(rows, key=lambda r: r["day"])]
