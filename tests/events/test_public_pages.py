"""Every public page renders in both languages, links where it should, and costs a fixed
number of queries whatever the size of the program."""

import datetime

import pytest
from django.urls import reverse

from events.models import OrganizerRole, Session
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    NewsArticleFactory,
    OrganizationFactory,
    OrganizerRoleFactory,
    PageFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def build_conference(sessions: int):
    """A current edition with ``sessions`` sessions spread over two days, rooms and sub-forums."""
    edition = EditionFactory(year=2022, is_current=True)
    neu = OrganizationFactory(name_en="Northeastern University", name_zh_hans="东北大学")
    OrganizerRoleFactory(edition=edition, organization=neu, role=OrganizerRole.Role.PRESENTER)
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.GUIDANCE)
    topics = [TopicFactory(edition=edition) for _ in range(3)]
    rooms = [RoomFactory() for _ in range(4)]
    forums = [SubForumFactory(edition=edition, room=rooms[i], host=neu) for i in range(2)]
    for forum in forums:
        forum.topics.set(topics[:2])
    speakers = [SpeakerFactory() for _ in range(max(3, sessions // 2))]
    forums[0].chairs.set(speakers[:2])
    for i in range(sessions):
        day, slot = divmod(i // len(rooms), 40)
        start = datetime.datetime.combine(
            edition.start_date + datetime.timedelta(days=day % 2), datetime.time(0), tzinfo=SHANGHAI
        ) + datetime.timedelta(minutes=30 * slot)
        SessionFactory(
            edition=edition,
            room=rooms[i % len(rooms)],
            sub_forum=forums[i % 2] if i % 3 else None,
            kind=Session.Kind.KEYNOTE if i % 7 == 0 else Session.Kind.INVITED,
            start=start + datetime.timedelta(days=0),
            end=start + datetime.timedelta(minutes=25),
            with_speakers=[speakers[i % len(speakers)], speakers[(i + 1) % len(speakers)]],
        )
    for _ in range(min(sessions, 12)):
        NewsArticleFactory(edition=edition)
    PageFactory(slug="about", title_en="About", title_zh_hans="关于会议")
    EditionFactory(year=2019)
    return edition


def public_urls(edition):
    session = Session.objects.filter(edition=edition).order_by("pk").first()
    speaker = session.speakers.order_by("pk").first()
    forum = edition.sub_forums.order_by("pk").first()
    article = edition.news.order_by("pk").first()
    year = edition.year
    return {
        "home": reverse("events:home"),
        "edition": reverse("events:edition", kwargs={"year": year}),
        "program": reverse("events:program", kwargs={"year": year}),
        "program_day": reverse("events:program", kwargs={"year": year})
        + f"?day={edition.start_date}",
        "sub_forums": reverse("events:sub_forums", kwargs={"year": year}),
        "sub_forum": reverse("events:sub_forum", kwargs={"year": year, "slug": forum.slug}),
        "session": reverse("events:session", kwargs={"year": year, "pk": session.pk}),
        "speakers": reverse("events:speakers", kwargs={"year": year}),
        "speaker": reverse("events:speaker", kwargs={"year": year, "slug": speaker.slug}),
        "news": reverse("events:news"),
        "news_detail": reverse("events:news_detail", kwargs={"slug": article.slug}),
        "archive": reverse("events:archive"),
        "page": reverse("events:page", kwargs={"slug": "about"}),
    }


PAGES = [
    "home",
    "edition",
    "program",
    "program_day",
    "sub_forums",
    "sub_forum",
    "session",
    "speakers",
    "speaker",
    "news",
    "news_detail",
    "archive",
    "page",
]


# One literal count per page, the same at both sizes: growth with the data would be an N+1.
# The frame of every page costs 3 (menu pages, current edition, privacy page).
EXPECTED_QUERIES = {
    "home": 11,
    "edition": 11,
    "program": 10,
    "program_day": 10,
    "sub_forums": 7,
    "sub_forum": 9,
    "session": 6,
    "speakers": 5,
    "speaker": 8,
    "news": 5,
    "news_detail": 4,
    "archive": 4,
    "page": 4,
}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", PAGES)
def test_public_page_query_count_does_not_grow_with_the_program(
    name, size, client, django_assert_num_queries
):
    url = public_urls(build_conference(size))[name]
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
