"""The read-only JSON API: what each endpoint answers, its filters and pages, what it never
shows, CORS, and a fixed number of queries whatever the size of the program."""

import datetime

import pytest

from events.models import NewsArticle, Session
from tests.events.test_public_pages import build_conference
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    NewsArticleFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def first_session(edition):
    return Session.objects.filter(edition=edition).order_by("pk").first()


# --- each endpoint -----------------------------------------------------------------------------


def test_editions_lists_published_editions_newest_first(client):
    build_conference(5)
    EditionFactory(year=2040, is_published=False)
    data = get_json(client, "/api/editions/")
    assert [item["year"] for item in data["items"]] == [2022, 2019]
    assert data["count"] == 2
    assert data["items"][0]["title"] == {
        "en": "2022 International Conference",
        "zh-hans": "2022国际会议",
    }
    assert data["items"][0]["url"] == {
        "en": "http://127.0.0.1:8000/2022/",
        "zh-hans": "http://127.0.0.1:8000/zh-hans/2022/",
    }


def test_edition_detail_has_organizers_in_poster_order_and_focus_fields(client):
    build_conference(5)
    data = get_json(client, "/api/editions/2022/")
    assert data["year"] == 2022 and data["is_current"] is True
    assert [o["role"] for o in data["organizers"]] == ["guidance", "presenter"]
    assert data["organizers"][1]["organization"]["name"] == {
        "en": "Northeastern University",
        "zh-hans": "东北大学",
    }
    assert len(data["topics"]) == 3
    assert "signatory_name" not in data and "on_site_capacity" not in data


def test_an_empty_translation_falls_back_to_the_other_language(client):
    EditionFactory(year=2022, theme_en="Only in English", theme_zh_hans="")
    assert get_json(client, "/api/editions/2022/")["theme"] == {
        "en": "Only in English",
        "zh-hans": "Only in English",
    }


def test_sub_forums_of_an_edition_with_host_room_topics_and_chairs(client):
    edition = build_conference(5)
    data = get_json(client, "/api/sub-forums/", edition=2022)
    assert data["count"] == 2
    forum = data["items"][0]
    expected = edition.sub_forums.order_by("order", "pk").first()
    assert forum["slug"] == expected.slug and forum["edition"] == 2022
    assert forum["host"]["short_name"] == {"en": "", "zh-hans": ""}
    assert forum["room"]["name"]["en"] == expected.room.name_en
    assert len(forum["topics"]) == 2 and len(forum["chairs"]) == 2
    assert "online_meeting_url" not in forum and "capacity" not in forum


def test_sessions_carry_local_times_speakers_in_order_and_their_page(client):
    edition = build_conference(5)
    session = first_session(edition)
    data = get_json(client, f"/api/sessions/{session.pk}/")
    assert data["id"] == session.pk and data["guid"] == str(session.guid)
    assert data["start"].endswith("+08:00")
    assert datetime.datetime.fromisoformat(data["start"]) == session.start
    assert [s["slug"] for s in data["speakers"]] == [
        link.speaker.slug for link in session.session_speakers.order_by("order")
    ]
    assert data["url"]["zh-hans"].endswith(f"/zh-hans/2022/sessions/{session.pk}/")


def test_speakers_of_an_edition_and_one_speaker_with_their_sessions(client):
    edition = build_conference(5)
    other = SpeakerFactory(name="Not Speaking Here")
    SessionFactory(edition=EditionFactory(year=2023), with_speakers=[other])
    data = get_json(client, "/api/speakers/", edition=2022)
    names = [item["name"] for item in data["items"]]
    assert names == sorted(names) and "Not Speaking Here" not in names

    speaker = first_session(edition).speakers.order_by("pk").first()
    detail = get_json(client, f"/api/speakers/{speaker.slug}/")
    assert detail["name"] == speaker.name
    assert {s["id"] for s in detail["sessions"]} == set(
        speaker.sessions.values_list("pk", flat=True)
    )
    assert all(s["edition"] == 2022 for s in detail["sessions"])


def test_news_lists_published_articles_and_one_article_with_its_body(client):
    article = NewsArticleFactory(slug="held", body_en="<p>It was held.</p>")
    NewsArticleFactory(status=NewsArticle.Status.DRAFT, slug="draft")
    data = get_json(client, "/api/news/")
    assert [item["slug"] for item in data["items"]] == ["held"]
    assert "body" not in data["items"][0]
    detail = get_json(client, "/api/news/held/")
    assert detail["body"]["en"] == "<p>It was held.</p>"
    assert detail["published_on"] == article.published_on.isoformat()


def test_the_api_root_points_to_each_resource_and_the_openapi_document(client):
    data = get_json(client, "/api/")
    assert data["openapi"] == "http://testserver/api/openapi.json"
    assert data["sessions"] == "http://testserver/api/sessions/"
    # And the lists other apps add: the cooperation board's.
    assert data["cooperation"] == "http://testserver/api/cooperation/"


def test_openapi_document_is_served_and_needs_no_cdn_page(client):
    document = get_json(client, "/api/openapi.json")
    assert document["openapi"].startswith("3.")
    assert "/api/sessions/" in document["paths"]
    assert client.get("/api/docs").status_code in (301, 404)


# --- filters and pages -------------------------------------------------------------------------


def test_sessions_filter_by_sub_forum_and_plenary(client):
    edition = build_conference(12)
    forum = edition.sub_forums.order_by("pk").first()
    params = {"edition": 2022, "limit": 100}
    data = get_json(client, "/api/sessions/", sub_forum=forum.slug, **params)
    assert {s["id"] for s in data["items"]} == set(
        Session.objects.filter(sub_forum=forum).values_list("pk", flat=True)
    )
    plenary = get_json(client, "/api/sessions/", sub_forum="plenary", **params)
    assert plenary["count"] == Session.objects.filter(sub_forum__isnull=True).count()
    assert all(s["sub_forum"] is None for s in plenary["items"])


def test_sessions_filter_by_day_as_the_editions_clock_reads_it(client):
    edition = EditionFactory(year=2022)
    # 00:30 in Shanghai on the second day is still the first day in UTC.
    late = datetime.datetime(2022, 11, 23, 0, 30, tzinfo=SHANGHAI)
    early = datetime.datetime(2022, 11, 22, 23, 0, tzinfo=SHANGHAI)
    second = SessionFactory(edition=edition, start=late, end=late + datetime.timedelta(hours=1))
    first = SessionFactory(edition=edition, start=early, end=early + datetime.timedelta(minutes=30))
    day1 = get_json(client, "/api/sessions/", edition=2022, day="2022-11-22")
    day2 = get_json(client, "/api/sessions/", edition=2022, day="2022-11-23")
    assert [s["id"] for s in day1["items"]] == [first.pk]
    assert [s["id"] for s in day2["items"]] == [second.pk]


def test_sessions_filter_by_edition(client):
    build_conference(5)
    SessionFactory(edition=EditionFactory(year=2023))
    data = get_json(client, "/api/sessions/", edition=2023)
    assert data["count"] == 1 and data["items"][0]["edition"] == 2023


def test_pages_give_count_and_the_next_and_previous_addresses(client):
    for day in range(1, 6):
        NewsArticleFactory(published_on=datetime.date(2022, 10, day), slug=f"day-{day}")
    first = get_json(client, "/api/news/", limit=2)
    assert first["count"] == 5 and first["previous"] is None
    assert [a["slug"] for a in first["items"]] == ["day-5", "day-4"]
    assert first["next"] == "http://testserver/api/news/?limit=2&offset=2"
    middle = client.get(first["next"]).json()
    assert [a["slug"] for a in middle["items"]] == ["day-3", "day-2"]
    assert middle["previous"] == "http://testserver/api/news/?limit=2&offset=0"
    last = client.get(middle["next"]).json()
    assert [a["slug"] for a in last["items"]] == ["day-1"] and last["next"] is None


def test_pages_keep_the_filters_in_their_addresses(client):
    build_conference(12)
    data = get_json(client, "/api/sessions/", edition=2022, sub_forum="plenary", limit=1)
    assert "edition=2022" in data["next"] and "sub_forum=plenary" in data["next"]


@pytest.mark.parametrize(
    ("url", "params", "reason"),
    [
        ("/api/sessions/", {"day": "x"}, "day"),
        ("/api/sessions/", {"edition": "abc"}, "edition"),
        ("/api/sessions/", {"edition": 1999}, "no published edition 1999"),
        ("/api/sessions/", {"edition": 2022, "sub_forum": "nope"}, "sub_forum"),
        ("/api/sessions/", {"edition": 2022, "sub_forum": "a b"}, "sub_forum"),
        ("/api/sessions/", {"edition": 2022, "day": "1999-01-01"}, "day"),
        ("/api/sessions/", {"sub_forum": "plenary"}, "edition=YEAR"),
        ("/api/sessions/", {"day": "2022-11-22"}, "edition=YEAR"),
        ("/api/sub-forums/", {"edition": 2040}, "no published edition 2040"),
        ("/api/speakers/", {"edition": 99999}, "edition"),
        ("/api/news/", {"limit": 0}, "limit"),
        ("/api/news/", {"limit": 101}, "limit"),
        ("/api/news/", {"offset": -1}, "offset"),
        ("/api/sessions/abc/", {}, "id"),
    ],
)
def test_an_invalid_filter_is_a_400_that_says_why(client, url, params, reason):
    build_conference(5)
    EditionFactory(year=2040, is_published=False)
    data = get_json(client, url, status=400, **params)
    assert reason in data["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/editions/1900/",
        "/api/editions/2040/",
        "/api/sessions/999999/",
        "/api/speakers/nobody/",
        "/api/news/nothing-here/",
        "/api/news/draft/",
        "/api/no-such-thing/",
        "/api/news/a/b/",
    ],
)
def test_an_unknown_object_or_address_is_a_json_404(client, url):
    EditionFactory(year=2040, is_published=False)
    NewsArticleFactory(status=NewsArticle.Status.DRAFT, slug="draft")
    assert get_json(client, url, status=404)["detail"]


def test_an_address_without_its_slash_is_redirected_to_it(client):
    response = client.get("/api/editions")
    assert response.status_code == 301 and response["Location"] == "/api/editions/"


# --- what never appears ------------------------------------------------------------------------


def every_answer(client, edition):
    session = first_session(edition)
    speaker = session.speakers.order_by("pk").first()
    article = edition.news.order_by("pk").first()
    urls = [
        "/api/editions/",
        "/api/editions/2022/",
        "/api/sub-forums/?limit=100",
        "/api/sessions/?limit=100",
        f"/api/sessions/{session.pk}/",
        "/api/speakers/?limit=100",
        f"/api/speakers/{speaker.slug}/",
        "/api/news/?limit=100",
        f"/api/news/{article.slug}/",
    ]
    return {url: client.get(url).content.decode() for url in urls}


def test_private_data_never_reaches_the_api(client):
    edition = build_conference(5)
    Session.objects.filter(edition=edition).update(
        livestream_url="https://live.example.org/private",
        replay_url="https://replay.example.org/private",
        link_visibility=Session.Visibility.ATTENDEES,
    )
    NewsArticleFactory(status=NewsArticle.Status.DRAFT, title_en="Secret draft", slug="secret")
    NewsArticleFactory(title_en="Tomorrow's news", published_on=datetime.date(2999, 1, 1))
    hidden = EditionFactory(year=2041, is_published=False, title_en="Unannounced edition")
    SessionFactory(edition=hidden, title_en="Unannounced talk")
    SubForumFactory(edition=hidden, slug="unannounced")
    RegistrationFactory(edition=edition, name="Attendee Private", email="private@example.org")
    for url, body in every_answer(client, edition).items():
        for secret in [
            "meeting.example.org",
            "live.example.org",
            "replay.example.org",
            "Secret draft",
            "Tomorrow's news",
            "Unannounced",
            "Attendee Private",
            "private@example.org",
            "signatory",
        ]:
            assert secret not in body, (url, secret)


def test_session_links_appear_only_when_public(client):
    edition = build_conference(5)
    session = first_session(edition)
    session.livestream_url = "https://live.example.org/open"
    session.link_visibility = Session.Visibility.PUBLIC
    session.save()
    data = get_json(client, f"/api/sessions/{session.pk}/")
    assert data["livestream_url"] == "https://live.example.org/open"
    assert data["replay_url"] is None
    session.link_visibility = Session.Visibility.NOBODY
    session.save()
    assert get_json(client, f"/api/sessions/{session.pk}/")["livestream_url"] is None


def test_speakers_and_sessions_of_unpublished_editions_are_not_found(client):
    hidden = EditionFactory(year=2041, is_published=False)
    speaker = SpeakerFactory(slug="unannounced-speaker")
    session = SessionFactory(edition=hidden, with_speakers=[speaker])
    assert client.get(f"/api/sessions/{session.pk}/").status_code == 404
    assert client.get("/api/speakers/unannounced-speaker/").status_code == 404
    assert get_json(client, "/api/speakers/")["count"] == 0


# --- CORS --------------------------------------------------------------------------------------


def test_any_site_may_read_the_api(client):
    response = client.get("/api/editions/", headers={"Origin": "https://news.example.edu"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/sessions/",
        headers={"Origin": "https://news.example.edu", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, OPTIONS"


def test_the_rest_of_the_site_sends_no_cors_header(client):
    EditionFactory(year=2022, is_current=True)
    response = client.get("/", headers={"Origin": "https://news.example.edu"})
    assert "Access-Control-Allow-Origin" not in response


# --- queries -----------------------------------------------------------------------------------


def api_urls(edition):
    session = first_session(edition)
    forum = edition.sub_forums.order_by("pk").first()
    return {
        "editions": "/api/editions/",
        "edition": "/api/editions/2022/",
        "sub_forums": "/api/sub-forums/?edition=2022&limit=100",
        "sessions": "/api/sessions/?limit=100",
        "sessions_filtered": f"/api/sessions/?edition=2022&sub_forum={forum.slug}"
        f"&day={edition.start_date}&limit=100",
        "session": f"/api/sessions/{session.pk}/",
        "speakers": "/api/speakers/?limit=100",
        "speakers_of_edition": "/api/speakers/?edition=2022&limit=100",
        "speaker": f"/api/speakers/{session.speakers.order_by('pk').first().slug}/",
        "news": "/api/news/?limit=100",
        "news_detail": f"/api/news/{edition.news.order_by('pk').first().slug}/",
    }


# One literal count per endpoint, the same at both sizes: growth with the data would be an N+1.
# A list costs its count and its page, plus one per prefetched relation and one per filter
# that names an edition or a sub-forum (a session's links and attachments are one relation).
EXPECTED_QUERIES = {
    "editions": 2,
    "edition": 3,
    "sub_forums": 5,
    "sessions": 4,
    "sessions_filtered": 6,
    "session": 3,
    "speakers": 2,
    "speakers_of_edition": 3,
    "speaker": 3,
    "news": 2,
    "news_detail": 1,
}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("name", list(EXPECTED_QUERIES))
def test_api_query_count_does_not_grow_with_the_program(
    page_cache_off, name, size, client, django_assert_num_queries
):
    url = api_urls(build_conference(size))[name]
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
