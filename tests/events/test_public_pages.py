"""Every public page renders in both languages, links where it should, and costs a fixed
number of queries whatever the size of the program."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

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
    rooms = [RoomFactory(edition=edition) for _ in range(4)]
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
            kind=Session.Kind.KEYNOTE if i % 7 == 0 else Session.Kind.TALK,
            start=start + datetime.timedelta(days=0),
            end=start + datetime.timedelta(minutes=25),
            with_speakers=[speakers[i % len(speakers)], speakers[(i + 1) % len(speakers)]],
        )
    for _ in range(min(sessions, 12)):
        NewsArticleFactory(edition=edition)
    PageFactory(slug="about", title_en="About", title_zh_hans="关于会议")
    PageFactory(slug="venue", title_en="Venue", title_zh_hans="会场", edition=edition)
    EditionFactory(year=2019)
    return edition


def public_urls(edition):
    # Addresses in English; a request to a Chinese page leaves Chinese active on this thread.
    with translation.override("en"):
        return _public_urls(edition)


def _public_urls(edition):
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
        "edition_page": reverse("events:edition_page", kwargs={"year": year, "slug": "venue"}),
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
    "edition_page",
]


# One literal count per page, the same at both sizes: growth with the data would be an N+1.
# The frame of every page costs 2 (its organizer pages, current edition). The home pages
# count the headline figures from registrations in one query (none entered in this edition);
# their schema.org Event takes the edition's dates and the keynote cards the page shows.
# The program reads the languages its sessions are in (the filter) in one query; a session its
# links and attachments in one.
EXPECTED_QUERIES = {
    "home": 12,
    "edition": 12,
    "program": 8,
    "program_day": 8,
    "sub_forums": 6,
    "sub_forum": 8,
    "session": 6,
    "speakers": 4,
    "speaker": 7,
    "news": 4,
    "news_detail": 3,
    "archive": 3,
    "page": 3,
    "edition_page": 3,
}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", PAGES)
def test_public_page_query_count_does_not_grow_with_the_program(
    page_cache_off, name, size, client, django_assert_num_queries
):
    url = public_urls(build_conference(size))[name]
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_renders_in_chinese_with_alternates(name, client):
    urls = public_urls(build_conference(5))
    english = client.get(urls[name])
    chinese = client.get("/zh-hans" + urls[name])
    assert chinese.status_code == 200
    html = chinese.content.decode()
    assert '<html lang="zh-hans"' in html
    # Both languages point at each other, so a visitor can switch and a crawler can pair them.
    path = urls[name]
    assert f'hreflang="en" href="http://127.0.0.1:8000{path}"'.replace("&", "&amp;") in html
    assert f'href="/zh-hans{path}"'.replace("&", "&amp;") in english.content.decode()


def test_home_shows_the_current_edition_with_its_organizers_and_links(client):
    edition = build_conference(5)
    html = client.get("/").content.decode()
    assert edition.title_en in html
    assert "Under the guidance of" in html and "Presented by" in html
    assert "Northeastern University" in html
    for forum in edition.sub_forums.all():
        assert forum.get_absolute_url() in html
    assert reverse("events:program", kwargs={"year": edition.year}) in html


def test_chinese_home_shows_chinese_content(client):
    edition = build_conference(5)
    html = client.get("/zh-hans/").content.decode()
    assert edition.title_zh_hans in html
    assert "东北大学" in html


def test_program_links_every_session_and_speaker(client):
    edition = build_conference(5)
    html = client.get(reverse("events:program", kwargs={"year": edition.year})).content.decode()
    for session in Session.objects.filter(edition=edition).prefetch_related("speakers"):
        assert session.get_absolute_url() in html
        for speaker in session.speakers.all():
            assert (
                reverse("events:speaker", kwargs={"year": edition.year, "slug": speaker.slug})
                in html
            )


def test_program_filter_by_sub_forum_shows_only_its_sessions(client):
    edition = build_conference(12)
    forum = edition.sub_forums.order_by("pk").first()
    url = reverse("events:program", kwargs={"year": edition.year})
    html = client.get(url, {"sub_forum": forum.slug}).content.decode()
    for session in Session.objects.filter(edition=edition):
        assert (session.get_absolute_url() in html) == (session.sub_forum_id == forum.pk)


def test_program_plenary_filter_shows_sessions_without_sub_forum(client):
    edition = build_conference(12)
    url = reverse("events:program", kwargs={"year": edition.year})
    html = client.get(url, {"sub_forum": "plenary"}).content.decode()
    for session in Session.objects.filter(edition=edition):
        assert (session.get_absolute_url() in html) == (session.sub_forum_id is None)


@pytest.mark.parametrize(
    "query", [{"sub_forum": "nope"}, {"room": "999999"}, {"day": "1999-01-01"}, {"day": "x" * 500}]
)
def test_program_with_an_unknown_filter_explains_it_with_a_400(client, query):
    edition = build_conference(5)
    response = client.get(reverse("events:program", kwargs={"year": edition.year}), query)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_program_filter_error_is_translated(client):
    edition = build_conference(5)
    response = client.get(f"/zh-hans/{edition.year}/program/", {"sub_forum": "nope"})
    assert response.status_code == 400
    assert "There is no such sub-forum" not in response.content.decode()


def test_online_meeting_links_never_reach_a_public_page(client):
    edition = build_conference(5)
    Session.objects.filter(edition=edition).update(
        livestream_url="https://live.example.org/private",
        link_visibility=Session.Visibility.ATTENDEES,
    )
    for url in public_urls(edition).values():
        for prefix in ("", "/zh-hans"):
            html = client.get(prefix + url).content.decode()
            assert "meeting.example.org" not in html
            assert "live.example.org/private" not in html


def test_public_livestream_link_is_shown_on_the_session_page(client):
    edition = build_conference(5)
    session = Session.objects.filter(edition=edition).first()
    session.livestream_url = "https://live.example.org/open"
    session.link_visibility = Session.Visibility.PUBLIC
    session.save()
    assert (
        "https://live.example.org/open" in client.get(session.get_absolute_url()).content.decode()
    )


def test_unpublished_edition_and_unknown_addresses_give_a_friendly_404(client):
    EditionFactory(year=2040, is_published=False)
    for url in [
        "/2040/",
        "/2040/program/",
        "/1900/",
        "/news/nothing-here/",
        "/no-such-page/",
        "/zh-hans/2040/speakers/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "<main" in response.content.decode()


def test_draft_news_is_hidden_from_visitors(client):
    draft = NewsArticleFactory(status="draft", title_en="Secret draft")
    assert client.get(reverse("events:news")).content.decode().count("Secret draft") == 0
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_news_list_is_paginated_newest_first(client):
    for day in range(1, 13):
        NewsArticleFactory(
            title_en=f"Day {day:02d} news", published_on=datetime.date(2022, 10, day)
        )
    first = client.get(reverse("events:news")).content.decode()
    assert first.index("Day 12 news") < first.index("Day 11 news")
    assert "Day 01 news" not in first
    second = client.get(reverse("events:news"), {"page": 2}).content.decode()
    assert "Day 01 news" in second
    assert client.get(reverse("events:news"), {"page": 99}).status_code == 404


def test_news_article_shows_its_credits_and_dates(client):
    article = NewsArticleFactory(
        written_by_en="",
        edited_by_en="Lei Chang, Yuhui Wang",
        source_en="NEU News",
        updated_on=datetime.date(2022, 12, 2),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Lei Chang, Yuhui Wang" in html and "NEU News" in html
    assert "2022-12-02" in html or "Dec. 2, 2022" in html


def test_archive_lists_every_published_edition(client):
    build_conference(5)
    EditionFactory(year=2041, is_published=False)
    html = client.get(reverse("events:archive")).content.decode()
    assert "/2022/" in html and "/2019/" in html and "/2041/" not in html


def test_site_without_a_current_edition_still_has_a_home(client):
    EditionFactory(year=2019)
    response = client.get("/")
    assert response.status_code == 200


def test_server_error_gives_the_friendly_500_page(client, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("events.views.editions._render_edition_home", lambda *a, **k: broken(a[0]))
    client.raise_request_exception = False
    edition = build_conference(5)
    response = client.get(reverse("events:edition", kwargs={"year": edition.year}))
    assert response.status_code == 500
    assert "<main" in response.content.decode()
