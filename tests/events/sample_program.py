"""A small program with every case the exports and the import meet.

Two sub-forums and a plenary session, rooms in two buildings, a session with no room yet and an
online one, speakers in a deliberate order, a public livestream link, texts in both languages,
session languages, a subtitle, a description, links and attachments and a kind of its own name.
"""

import datetime
from operator import attrgetter

from events.models import Mode, Session, SessionLink
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
)


def at(edition, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """``hour:minute`` in Shanghai on the edition's ``day``-th day (0 = the first)."""
    date = edition.start_date + datetime.timedelta(days=day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=SHANGHAI)


def build_program(year: int = 2022, **edition_fields):
    """An edition with six sessions (see the module docstring); returns the edition."""
    edition = EditionFactory(year=year, **edition_fields)
    hall = RoomFactory(edition=edition, name_en="Hall A", name_zh_hans="A厅", building_en="Library")
    lab = RoomFactory(
        edition=edition, name_en="Lab 3", name_zh_hans="3号实验室", building_en="Science Building"
    )
    vision = SubForumFactory(
        edition=edition, title_en="Machine vision", title_zh_hans="机器视觉", slug="vision"
    )
    robots = SubForumFactory(
        edition=edition, title_en="Robotics", title_zh_hans="机器人", slug="robotics"
    )
    ada, bo, chen = (
        SpeakerFactory(name="Ada Lovelace", slug="ada-lovelace"),
        SpeakerFactory(name="Bo Li", slug="bo-li", name_original="李博"),
        SpeakerFactory(name="Chen Wei", slug="chen-wei"),
    )
    SessionFactory(
        edition=edition,
        sub_forum=None,
        kind=Session.Kind.KEYNOTE,
        title_en="Opening keynote",
        title_zh_hans="开幕主旨报告",
        abstract_en="Where industry and education meet.",
        abstract_zh_hans="产教融合之路。",
        language="en",
        interpretation_language="zh",
        start=at(edition, 0, 9),
        end=at(edition, 0, 9, 45),
        room=hall,
        livestream_url="https://live.example.org/keynote",
        link_visibility=Session.Visibility.PUBLIC,
        with_speakers=[bo, ada],
    )
    seeing = SessionFactory(
        edition=edition,
        sub_forum=vision,
        title_en="Seeing machines",
        title_zh_hans="会看的机器",
        subtitle_en="Cameras that understand",
        description_en="The long form.\n\nA second paragraph.",
        language="zh",
        start=at(edition, 0, 10),
        end=at(edition, 0, 10, 30),
        room=hall,
        with_speakers=[chen, ada, bo],
    )
    SessionLink.objects.create(
        session=seeing,
        kind=SessionLink.Kind.ATTACHMENT,
        title_en="Slides",
        title_zh_hans="演示文稿",
        url="https://files.example.org/seeing-machines.pdf",
    )
    SessionLink.objects.create(
        session=seeing, title_en="Project page", url="https://example.org/seeing"
    )
    SessionFactory(
        edition=edition,
        sub_forum=vision,
        kind=Session.Kind.PANEL,
        title_en="Panel on datasets",
        title_zh_hans="数据集圆桌",
        start=at(edition, 0, 10),
        end=at(edition, 0, 11),
        room=lab,
        with_speakers=[ada],
    )
    SessionFactory(
        edition=edition,
        sub_forum=robots,
        title_en="Robots in class",
        title_zh_hans="课堂里的机器人",
        start=at(edition, 1, 14),
        end=at(edition, 1, 14, 40),
        room=None,
        delivery=Mode.ONLINE,
        with_speakers=[chen],
    )
    SessionFactory(
        edition=edition,
        sub_forum=robots,
        kind=Session.Kind.OTHER,
        kind_name="Poster session",
        title_en="Room to come",
        title_zh_hans="待定会场",
        start=at(edition, 1, 15),
        end=at(edition, 1, 15, 30),
        room=None,
        delivery=Mode.ON_SITE,
    )
    SessionFactory(
        edition=edition,
        sub_forum=None,
        kind=Session.Kind.CLOSING,
        title_en="Closing ceremony",
        title_zh_hans="闭幕式",
        abstract_en="",
        start=at(edition, 1, 17),
        end=at(edition, 1, 17, 30),
        room=hall,
    )
    return edition


by_order = attrgetter("order")


def program_of(edition) -> list[tuple]:
    """What a visitor sees of each session, comparable between editions."""
    sessions = (
        Session.objects.filter(edition=edition)
        .select_related("room", "sub_forum")
        .prefetch_related("session_speakers__speaker", "links")
        .order_by("start", "title_en")
    )
    return [
        (
            s.title_en,
            s.title_zh_hans,
            s.start,
            s.end,
            s.room.guid if s.room else None,
            s.sub_forum.title_en if s.sub_forum else None,
            s.kind,
            [link.speaker.guid for link in sorted(s.session_speakers.all(), key=by_order)],
            s.kind_name,
            s.language,
            s.public_links,
            s.subtitle_en or "",
            s.description_en or "",
            [(link.kind, link.title_en, link.url) for link in s.links.all()],
            [link.title_zh_hans for link in s.links.all()],
        )
        for s in sessions
    ]
