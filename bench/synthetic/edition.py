"""A synthetic edition: series, organizers, sub-forums and rooms, speakers, sessions and news.

Written with ``bulk_create`` (the large size has 4,000 sessions), so no model signals run: no
history versions, no page-cache invalidation by signal (``content_changed`` is called once at
the end instead). The same seed and year give the same content; only the dates that follow
today (the open registration window, the news dates) move from one day to the next.

Everything generated is marked: the series and the edition say "Synthetic" in their names,
speakers and sessions are sample entries (the site labels them) whose texts start with
``texts.NOTE_EN``/``NOTE_ZH``, and their slugs start with ``synthetic-<year>-``.
"""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from events.demo.loader import open_registration_window
from events.models import (
    Edition,
    Mode,
    NewsArticle,
    Organization,
    OrganizerRole,
    Room,
    Series,
    Session,
    SessionSpeaker,
    Speaker,
    SubForum,
    Topic,
)
from events.richtext import sanitize
from events.versions import content_changed

from . import texts


@dataclass(frozen=True)
class Size:
    days: int
    sub_forums: int  # each in its own room
    sessions_per_room_day: int
    speakers: int
    news: int

    @property
    def sessions(self) -> int:
        return self.days * self.sub_forums * self.sessions_per_room_day


# Large is ten times normal over ten times the days, so that one day of the program (and a
# session, a speaker) holds as much at both sizes.
SIZES = {
    "normal": Size(days=2, sub_forums=8, sessions_per_room_day=25, speakers=300, news=20),
    "large": Size(days=20, sub_forums=8, sessions_per_room_day=25, speakers=3000, news=200),
}

SERIES_SLUG = "synthetic-benchmark-conference"
SERIES = {
    "name_en": "Synthetic Benchmark Conference (generated data)",
    "name_zh_hans": "合成基准测试会议（生成数据）",
    "short_name_en": "Synthetic Conference",
    "short_name_zh_hans": "合成会议",
}
# (English name, Chinese name, type, role); the first hosts the edition.
_Type, _Role = Organization.Type, OrganizerRole.Role
ORGANIZATIONS = [
    ("Synthetic University", "合成大学", _Type.UNIVERSITY, _Role.ORGANIZER),
    (
        "Synthetic Institute of Technology",
        "合成理工学院",
        _Type.RESEARCH_INSTITUTE,
        _Role.CO_ORGANIZER,
    ),
    ("Synthetic Industry Association", "合成产业协会", _Type.ASSOCIATION, _Role.SUPPORTER),
    ("Synthetic Steel Group", "合成钢铁集团", _Type.ENTERPRISE, _Role.SPONSOR),
]
TOPICS = 4
KEYNOTES = 4  # the first session of the first day in the first rooms, outside any sub-forum
PANEL_EVERY = 10  # every tenth session of a room's day is a panel of three
FIRST_START = datetime.time(7, 30)
LAST_END = datetime.time(23, 45)
DURATIONS = (30, 35, 40, 45)  # minutes


def slug_prefix(year: int) -> str:
    return f"synthetic-{year}-"


def is_synthetic(edition: Edition) -> bool:
    return Series.objects.filter(pk=edition.series_id, slug=SERIES_SLUG).exists()


def generate_edition(
    *, year: int, size: Size, seed: int, current: bool = False, on_site_capacity: int | None = None
) -> Edition:
    """Write a published synthetic edition of ``year``; call inside a transaction.

    Registration is open from 30 days ago to 60 days ahead, as ``load_demo --open-registration``
    opens the demo's.
    """
    rng = random.Random(f"{seed}:{year}:events")
    edition = _edition(rng, year, size, current=current, on_site_capacity=on_site_capacity)
    topics = Topic.objects.bulk_create(
        Topic(edition=edition, title_en=en, title_zh_hans=zh, order=order)
        for order, (en, zh) in enumerate(rng.sample(texts.FIELDS, TOPICS), start=1)
    )
    speakers = Speaker.objects.bulk_create(
        (_speaker(rng, year, number) for number in range(1, size.speakers + 1)), batch_size=500
    )
    sub_forums = _sub_forums(rng, edition, size, topics=topics, speakers=speakers)
    _sessions(rng, edition, size, sub_forums=sub_forums, speakers=speakers)
    _news(rng, edition, size)
    content_changed()
    return edition


def _guid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _edition(rng, year, size, *, current, on_site_capacity) -> Edition:
    series, _ = Series.objects.get_or_create(slug=SERIES_SLUG, defaults=SERIES)
    organizations = [
        Organization.objects.get_or_create(
            name_en=en, defaults={"name_zh_hans": zh, "type": kind, "country": "CN"}
        )[0]
        for en, zh, kind, _ in ORGANIZATIONS
    ]
    start = datetime.date(year, 11, 2)
    edition = Edition(
        series=series,
        year=year,
        title_en=f"Synthetic Benchmark Conference {year}",
        title_zh_hans=f"{year}年合成基准测试会议",
        short_title_en=f"Synthetic {year}",
        short_title_zh_hans=f"合成会议{year}",
        theme_en="Generated data for benchmarks and demos",
        theme_zh_hans="用于性能测试与演示的生成数据",
        description_en=f"<p>{texts.NOTE_EN} Nothing on its pages describes a real event.</p>",
        description_zh_hans=f"<p>{texts.NOTE_ZH}其页面内容均非真实活动。</p>",
        start_date=start,
        end_date=start + datetime.timedelta(days=size.days - 1),
        city_en="Shenyang",
        city_zh_hans="沈阳",
        venue_en="Synthetic Conference Centre",
        venue_zh_hans="合成会议中心",
        host=organizations[0],
        mode=Mode.HYBRID,
        is_published=True,
        is_current=current,
        on_site_capacity=on_site_capacity,
        **open_registration_window("Asia/Shanghai"),
    )
    edition.save()  # unmarks the previous current edition when this one is current
    OrganizerRole.objects.bulk_create(
        OrganizerRole(edition=edition, organization=organization, role=role, order=order)
        for order, (organization, (*_, role)) in enumerate(
            zip(organizations, ORGANIZATIONS, strict=True), start=1
        )
    )
    return edition


def _speaker(rng, year: int, number: int) -> Speaker:
    person = texts.person(rng)
    honorific = rng.choice(texts.HONORIFICS)
    position = rng.choice(texts.POSITIONS)
    affiliation = texts.affiliation(rng, person.city)
    display = f"{honorific[0]} {person.name}".strip()
    biography = texts.biography(
        rng,
        name=(display, person.name_original or person.name),
        position=position,
        affiliation=affiliation,
    )
    return Speaker(
        guid=_guid(rng),
        name=person.name,
        name_original=person.name_original,
        slug=f"{slug_prefix(year)}{number:04d}-{slugify(person.name)}",
        honorific_en=honorific[0],
        honorific_zh_hans=honorific[1],
        position_en=position[0],
        position_zh_hans=position[1],
        affiliation_en=affiliation[0],
        affiliation_zh_hans=affiliation[1],
        country=person.country,
        biography_en=biography[0],
        biography_zh_hans=biography[1],
        is_sample=True,
    )


def _sub_forums(rng, edition, size, *, topics, speakers) -> list[SubForum]:
    rooms = Room.objects.bulk_create(
        Room(
            guid=_guid(rng),
            edition=edition,
            name_en=f"Room {number}",
            name_zh_hans=f"{number}号厅",
            building_en=f"Synthetic Conference Centre {edition.year}",
            building_zh_hans=f"{edition.year}合成会议中心",
            capacity=rng.choice((80, 120, 200, 300)),
        )
        for number in range(1, size.sub_forums + 1)
    )
    fields = rng.sample(texts.FIELDS, size.sub_forums)
    sub_forums = SubForum.objects.bulk_create(
        SubForum(
            guid=_guid(rng),
            edition=edition,
            title_en=f"Sub-forum {number}: {en[0].upper()}{en[1:]}",
            title_zh_hans=f"分论坛{number}：{zh}",
            slug=f"sub-forum-{number}",
            description_en=sanitize(f"<p>{texts.NOTE_EN} Talks and panels on {en}.</p>"),
            description_zh_hans=sanitize(f"<p>{texts.NOTE_ZH}围绕{zh}的报告与讨论。</p>"),
            host=edition.host,
            room=room,
            order=number,
        )
        for number, (room, (en, zh)) in enumerate(zip(rooms, fields, strict=True), start=1)
    )
    SubForum.topics.through.objects.bulk_create(
        SubForum.topics.through(subforum_id=sub_forum.pk, topic_id=rng.choice(topics).pk)
        for sub_forum in sub_forums
    )
    SubForum.chairs.through.objects.bulk_create(
        SubForum.chairs.through(subforum_id=sub_forum.pk, speaker_id=chair.pk)
        for sub_forum in sub_forums
        for chair in rng.sample(speakers, rng.randint(1, 2))
    )
    return sub_forums


class _SpeakerDeck:
    """Deals speakers in a shuffled order, reshuffling when all have spoken: everyone speaks."""

    def __init__(self, rng: random.Random, speakers: list[Speaker]):
        self.rng, self.speakers, self.next = rng, list(speakers), 0
        rng.shuffle(self.speakers)

    def deal(self, count: int) -> list[Speaker]:
        dealt: list[Speaker] = []
        while len(dealt) < count:
            if self.next == len(self.speakers):
                self.rng.shuffle(self.speakers)
                self.next = 0
            speaker = self.speakers[self.next]
            self.next += 1
            if speaker not in dealt:
                dealt.append(speaker)
        return dealt


def _sessions(rng, edition, size, *, sub_forums, speakers) -> None:
    """Each room's day filled back to back from 07:30, 30 to 45 minutes each, never past 23:45."""
    deck = _SpeakerDeck(rng, speakers)
    tz, count = edition.tzinfo, size.sessions_per_room_day
    sessions, dealt = [], []
    for day_index, day in enumerate(edition.days):
        day_end = datetime.datetime.combine(day, LAST_END, tzinfo=tz)
        for room_index, sub_forum in enumerate(sub_forums):
            start = datetime.datetime.combine(day, FIRST_START, tzinfo=tz)
            for index in range(count):
                # What the sessions still to come need at least, so that none runs late.
                spare = day_end - start - datetime.timedelta(minutes=30 * (count - index))
                if rng.random() < 0.3 and spare >= datetime.timedelta(minutes=5):
                    start += datetime.timedelta(minutes=5)
                    spare -= datetime.timedelta(minutes=5)
                keynote = day_index == 0 and index == 0 and room_index < KEYNOTES
                minutes = 45 if keynote else rng.choice(DURATIONS)
                minutes = min(minutes, 30 + int(spare.total_seconds() // 60))
                end = start + datetime.timedelta(minutes=minutes)
                session, speaker_count = _session(rng, edition, sub_forum, keynote, index)
                session.start, session.end = start, end
                sessions.append(session)
                dealt.append(deck.deal(speaker_count))
                start = end
    Session.objects.bulk_create(sessions, batch_size=500)
    SessionSpeaker.objects.bulk_create(
        (
            SessionSpeaker(session=session, speaker=speaker, order=order)
            for session, people in zip(sessions, dealt, strict=True)
            for order, speaker in enumerate(people, start=1)
        ),
        batch_size=1000,
    )


def _session(rng, edition, sub_forum, keynote: bool, index: int) -> tuple[Session, int]:
    title_en, title_zh = texts.title(rng)
    abstract_en, abstract_zh = texts.abstract(rng)
    session = Session(
        guid=_guid(rng),
        edition=edition,
        sub_forum=None if keynote else sub_forum,
        room_id=sub_forum.room_id,
        title_en=title_en,
        title_zh_hans=title_zh,
        abstract_en=abstract_en,
        abstract_zh_hans=abstract_zh,
        delivery=rng.choices((Mode.HYBRID, Mode.ON_SITE, Mode.ONLINE), weights=(6, 3, 1))[0],
        is_sample=True,
    )
    if keynote:
        session.kind = Session.Kind.KEYNOTE
        session.livestream_url = (
            f"https://live.example.org/synthetic-{edition.year}/{sub_forum.slug}"
        )
        session.link_visibility = Session.Visibility.PUBLIC
        return session, 1
    if index % PANEL_EVERY == PANEL_EVERY // 2:
        session.kind = Session.Kind.PANEL
        return session, 3
    session.kind = Session.Kind.TALK
    return session, rng.choices((1, 2, 3), weights=(6, 3, 1))[0]


def _news(rng, edition, size) -> None:
    today = timezone.localdate()
    articles = []
    for number in range(1, size.news + 1):
        title_en, title_zh = texts.title(rng)
        body_en, body_zh = texts.abstract(rng)
        articles.append(
            NewsArticle(
                title_en=f"Synthetic news {number}: “{title_en}” joins the programme",
                title_zh_hans=f"合成新闻{number}：《{title_zh}》加入日程",
                slug=f"{slug_prefix(edition.year)}news-{number:03d}",
                summary_en=f"{texts.NOTE_EN} A talk joins the programme.",
                summary_zh_hans=f"{texts.NOTE_ZH}一场报告加入日程。",
                body_en=sanitize(f"<p>{body_en}</p>"),
                body_zh_hans=sanitize(f"<p>{body_zh}</p>"),
                written_by_en="Synthetic data generator",
                written_by_zh_hans="合成数据生成器",
                published_on=today - datetime.timedelta(days=number - 1),
                status=NewsArticle.Status.PUBLISHED,
                edition=edition,
            )
        )
    NewsArticle.objects.bulk_create(articles, batch_size=500)


def delete_edition(edition: Edition) -> None:
    """Remove a synthetic edition and everything generated with it; call inside a transaction.

    Its registrations must be gone first (``registrations.delete_registrations``). Rows
    are deleted in bulk, without signals: deleting 4,000 generated sessions must not write 4,000
    "deleted" versions into the admin's history.
    """
    prefix = slug_prefix(edition.year)
    speakers = Speaker.objects.filter(slug__startswith=prefix)
    rooms = list(Room.objects.filter(edition=edition).values_list("pk", flat=True))
    raw_delete(SessionSpeaker.objects.filter(Q(session__edition=edition) | Q(speaker__in=speakers)))
    raw_delete(
        SubForum.chairs.through.objects.filter(
            Q(subforum__edition=edition) | Q(speaker__in=speakers)
        )
    )
    raw_delete(SubForum.topics.through.objects.filter(subforum__edition=edition))
    raw_delete(Session.objects.filter(edition=edition))
    raw_delete(SubForum.objects.filter(edition=edition))
    raw_delete(Topic.objects.filter(edition=edition))
    raw_delete(OrganizerRole.objects.filter(edition=edition))
    raw_delete(NewsArticle.objects.filter(edition=edition, slug__startswith=prefix))
    raw_delete(Room.objects.filter(pk__in=rooms))
    raw_delete(speakers)
    edition.delete()
    content_changed()


def raw_delete(queryset: QuerySet) -> None:
    """Delete the rows of ``queryset`` in one statement, without loading them or sending signals."""
    # QuerySet.delete() would load every row to send signals (history versions, page cache).
    queryset._raw_delete(queryset.db)
