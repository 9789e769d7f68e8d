"""How machines find and read the site: news feeds, the sitemap, robots.txt, OpenGraph and
Twitter cards, and schema.org JSON-LD."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import etree

from conference_site import sitemaps
from cooperation.models import CooperationItem
from events.models import Mode, NewsArticle, OrganizerRole, Session, Speaker
from tests.events.test_public_pages import build_conference
from tests.factories import (
    CooperationItemFactory,
    EditionFactory,
    NewsArticleFactory,
    OrganizationFactory,
    OrganizerRoleFactory,
    PageFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"  # SITE_URL's default, which the tests run with
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "sitemaps"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def head_meta(html: str) -> dict[str, list[str]]:
    """Every <meta property|name=... content=...> of the page, by property or name."""
    found: dict[str, list[str]] = {}
    for meta in lxml.html.fromstring(html).iterfind(".//head/meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            found.setdefault(key, []).append(meta.get("content"))
    return found


def json_ld(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(script) for script in scripts]


# --- feeds -----------------------------------------------------------------------------------


@pytest.fixture
def news():
    published = NewsArticleFactory(
        title_en="Registration opens",
        title_zh_hans="报名开放",
        written_by_en="Lei Chang",
        published_on=datetime.date(2022, 10, 10),
        updated_on=datetime.date(2022, 10, 12),
    )
    NewsArticleFactory(title_en="Secret draft", status=NewsArticle.Status.DRAFT)
    NewsArticleFactory(title_en="Not yet", published_on=datetime.date.today().replace(year=2999))
    return published


@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/"])
def test_feed_parses_and_lists_published_news_only(client, news, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Registration opens"]
    entry = feed.entries[0]
    assert entry.link == f"{SITE}/news/{news.slug}/"
    assert entry.author == "Lei Chang"
    assert entry.summary == "A short summary."
    assert entry.published_parsed[:3] == (2022, 10, 9)  # midnight in Shanghai, read as UTC
    assert feed.feed.language == "en"


def test_atom_feed_says_when_an_article_was_updated(client, news):
    entry = feedparser.parse(client.get("/news/atom/").content).entries[0]
    assert entry.updated.startswith("2022-10-12")
    assert entry.published.startswith("2022-10-10")


@pytest.mark.parametrize("url", ["/zh-hans/news/feed/", "/zh-hans/news/atom/"])
def test_chinese_feed_is_in_chinese_and_links_chinese_pages(client, news, url):
    feed = feedparser.parse(client.get(url).content)
    assert feed.bozo == 0
    assert feed.feed.language == "zh-hans"
    assert feed.entries[0].title == "报名开放"
    assert feed.entries[0].link == f"{SITE}/zh-hans/news/{news.slug}/"


def test_feed_description_falls_back_to_the_sanitized_body(client):
    NewsArticleFactory(summary_en="", body_en="<p>Body <script>alert(1)</script>text</p>")
    entry = feedparser.parse(client.get("/news/feed/").content).entries[0]
    assert "Body" in entry.summary and "alert" not in entry.summary


def test_news_article_slugs_cannot_take_the_feed_addresses():
    with pytest.raises(ValidationError):
        NewsArticleFactory.build(slug="feed").full_clean()


def test_every_page_links_both_feeds_in_its_language(client):
    html = client.get("/zh-hans/news/").content.decode()
    assert 'type="application/rss+xml" title="' in html
    assert f'href="{SITE}/zh-hans/news/feed/"' in html
    assert f'href="{SITE}/zh-hans/news/atom/"' in html


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/"])
def test_feed_query_count_does_not_grow(
    page_cache_off, client, django_assert_num_queries, size, url
):
    build_conference(size)
    # The current edition (the feed's title) and the articles.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200


# --- sitemap ---------------------------------------------------------------------------------


def with_board(edition, count: int) -> list:
    """``count`` published offers on the edition's cooperation board."""
    return [CooperationItemFactory(edition=edition, slug=f"offer-{n}") for n in range(count)]


def xml(client, address: str):
    """The document at ``address`` (absolute, as the sitemap names it, or a path)."""
    parts = urlsplit(address)
    response = client.get(parts.path, QUERY_STRING=parts.query)
    assert response.status_code == 200, address
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    return etree.fromstring(response.content)


def sitemap_index(client):
    return xml(client, "/sitemap.xml")


def sitemap_pages(client) -> list:
    """Every page of the sitemap, reached as a crawler reaches them: through the index."""
    index = sitemap_index(client)
    return [xml(client, loc.text) for loc in index.iterfind("s:sitemap/s:loc", SITEMAP_NS)]


def sitemap_urls(client) -> list:
    return [url for page in sitemap_pages(client) for url in page.iterfind("s:url", SITEMAP_NS)]


def sitemap_locations(client) -> list[str]:
    return [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap_urls(client)]


def test_sitemap_index_and_pages_validate_against_the_sitemap_schemas(client):
    with_board(build_conference(5), 3)
    index_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd")))
    page_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-with-xhtml.xsd")))
    index = sitemap_index(client)
    assert index_schema.validate(index), index_schema.error_log
    pages = sitemap_pages(client)
    assert len(pages) == len(sitemaps.SITEMAPS)
    for page in pages:
        assert page_schema.validate(page), page_schema.error_log


def test_sitemap_lists_every_public_page_in_both_languages(client):
    edition = build_conference(5)
    [offer] = with_board(edition, 1)
    EditionFactory(year=2041, is_published=False)
    SubForumFactory(edition__year=2042, edition__is_published=False, slug="hidden-forum")
    NewsArticleFactory(slug="secret-draft", status=NewsArticle.Status.DRAFT)
    PageFactory(slug="unpublished", is_published=False)
    for status in (CooperationItem.Status.SUBMITTED, CooperationItem.Status.CLOSED):
        CooperationItemFactory(edition=edition, slug=f"{status}-item", status=status)
    CooperationItemFactory(edition__year=2043, edition__is_published=False, slug="hidden-board")
    locations = set(sitemap_locations(client))

    session = Session.objects.filter(edition=edition).first()
    speaker = session.speakers.first()
    forum = edition.sub_forums.first()
    article = edition.news.first()
    for path in [
        "/",
        "/archive/",
        "/news/",
        "/2022/",
        "/2022/program/",
        "/2022/sub-forums/",
        "/2022/speakers/",
        "/2019/",
        f"/2022/sub-forums/{forum.slug}/",
        f"/2022/sessions/{session.pk}/",
        f"/2022/speakers/{speaker.slug}/",
        f"/news/{article.slug}/",
        "/about/",
        "/2022/venue/",
        "/2022/cooperation/",
        f"/2022/cooperation/{offer.slug}/",
    ]:
        assert f"{SITE}{path}" in locations, path
        assert f"{SITE}/zh-hans{path}" in locations, path
    hidden = ["/2041/", "hidden-forum", "secret-draft", "/unpublished/", "-item/", "/2043/"]
    # A board without items is not listed: the 2019 edition has none.
    hidden.append("/2019/cooperation/")
    assert not [loc for loc in locations if any(part in loc for part in hidden)]


def test_sitemap_lists_a_speaker_once_per_edition_they_appear_in(client):
    build_conference(5)
    other = EditionFactory(year=2023)
    chair = SpeakerFactory(slug="chair-only")
    SubForumFactory(edition=other).chairs.add(chair)
    SessionFactory(edition=other, with_speakers=[chair])
    locations = sitemap_locations(client)
    assert locations.count(f"{SITE}/2023/speakers/chair-only/") == 1


def test_each_sitemap_address_names_its_twin_and_the_default(client):
    edition = build_conference(5)
    session = Session.objects.filter(edition=edition).first()
    for url in sitemap_urls(client):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", SITEMAP_NS)
        }
        assert set(alternates) == {"en", "zh-hans", "x-default"}
        assert alternates["x-default"] == alternates["en"]
        assert url.findtext("s:loc", namespaces=SITEMAP_NS) in alternates.values()
        if url.findtext("s:loc", namespaces=SITEMAP_NS).endswith(f"/sessions/{session.pk}/"):
            assert alternates["zh-hans"] == f"{SITE}/zh-hans/2022/sessions/{session.pk}/"


def test_sitemap_dates_news_by_its_last_change(client):
    NewsArticleFactory(
        slug="changed",
        published_on=datetime.date(2022, 10, 10),
        updated_on=datetime.date(2022, 11, 1),
    )
    NewsArticleFactory(slug="older", published_on=datetime.date(2022, 9, 1))
    urls = {url.findtext("s:loc", namespaces=SITEMAP_NS): url for url in sitemap_urls(client)}
    assert urls[f"{SITE}/news/changed/"].findtext("s:lastmod", namespaces=SITEMAP_NS) == (
        "2022-11-01"
    )
    assert urls[f"{SITE}/news/older/"].findtext("s:lastmod", namespaces=SITEMAP_NS) == (
        "2022-09-01"
    )
    # The index dates the news section by its latest change.
    index = sitemap_index(client)
    news = index.xpath(
        "//s:sitemap[s:loc = $loc]", namespaces=SITEMAP_NS, loc=f"{SITE}/sitemap-news.xml"
    )
    assert news[0].findtext("s:lastmod", namespaces=SITEMAP_NS) == "2022-11-01"


def test_sitemap_dates_board_items_by_their_last_change_and_the_board_by_the_latest(client):
    edition = EditionFactory(year=2022)
    older, newer = with_board(edition, 2)
    day = datetime.datetime(2022, 10, 1, 12, tzinfo=datetime.UTC)
    CooperationItem.objects.filter(pk=older.pk).update(updated_at=day)
    CooperationItem.objects.filter(pk=newer.pk).update(updated_at=day + datetime.timedelta(days=5))
    urls = {url.findtext("s:loc", namespaces=SITEMAP_NS): url for url in sitemap_urls(client)}

    def lastmod(path):
        return urls[f"{SITE}{path}"].findtext("s:lastmod", namespaces=SITEMAP_NS)

    assert lastmod(f"/2022/cooperation/{older.slug}/") == "2022-10-01"
    assert lastmod(f"/zh-hans/2022/cooperation/{newer.slug}/") == "2022-10-06"
    assert lastmod("/2022/cooperation/") == "2022-10-06"
    index = sitemap_index(client)
    board = index.xpath(
        "//s:sitemap[s:loc = $loc]", namespaces=SITEMAP_NS, loc=f"{SITE}/sitemap-cooperation.xml"
    )
    assert board[0].findtext("s:lastmod", namespaces=SITEMAP_NS).startswith("2022-10-06")


def test_an_item_taken_off_the_board_leaves_the_cached_sitemap(client):
    edition = EditionFactory(year=2022)
    [offer] = with_board(edition, 1)
    assert f"{SITE}/2022/cooperation/{offer.slug}/" in sitemap_locations(client)
    offer.status = CooperationItem.Status.CLOSED
    offer.save()
    assert not [loc for loc in sitemap_locations(client) if "/cooperation/" in loc]


def test_sitemap_uses_the_configured_site_address(client, settings):
    settings.SITE_URL = "https://conference.example.edu.cn"
    build_conference(5)
    sections = [loc.text for loc in sitemap_index(client).iterfind(".//s:loc", SITEMAP_NS)]
    locations = sitemap_locations(client)
    assert locations and all(
        loc.startswith("https://conference.example.edu.cn/") for loc in sections + locations
    )


def test_sitemap_pages_hold_a_bounded_number_of_addresses(client):
    build_conference(200)
    index = [loc.text for loc in sitemap_index(client).iterfind(".//s:loc", SITEMAP_NS)]
    # 200 sessions in two languages: two pages.
    assert f"{SITE}/sitemap-sessions.xml" in index
    assert f"{SITE}/sitemap-sessions.xml?p=2" in index
    assert f"{SITE}/sitemap-sessions.xml?p=3" not in index
    for page in sitemap_pages(client):
        assert len(page.findall("s:url", SITEMAP_NS)) <= sitemaps.LIMIT


@pytest.mark.parametrize(
    "address", ["/sitemap-sessions.xml?p=2", "/sitemap-sessions.xml?p=x", "/sitemap-unknown.xml"]
)
def test_sitemap_pages_that_do_not_exist_are_not_found(client, address):
    build_conference(5)
    parts = urlsplit(address)
    assert client.get(parts.path, QUERY_STRING=parts.query).status_code == 404


@pytest.mark.parametrize("size", [5, 200])
def test_sitemap_query_count_does_not_grow(page_cache_off, client, django_assert_num_queries, size):
    with_board(build_conference(size), size)
    # The index: the rows of each section with rows (editions, sub-forums, sessions, speakers
    # in one UNION, news, the series' and the editions' pages, the boards and their items) to
    # count its pages, and the date of the latest news.
    with django_assert_num_queries(9):
        client.get("/sitemap.xml")
    # A page: the rows of its section.
    for section in ["editions", "sessions", "speakers", "news", "edition-pages", "cooperation"]:
        with django_assert_num_queries(1):
            client.get(f"/sitemap-{section}.xml")
    with django_assert_num_queries(0):
        client.get("/sitemap-site.xml")


# --- robots.txt ------------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_private_addresses(client, settings):
    settings.SITE_URL = "https://conference.example.edu.cn"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/checkin/", "/*/checkin/", "/*/registration/", "/*/confirm/"]:
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    assert "Sitemap: https://conference.example.edu.cn/sitemap.xml" in lines


def test_robots_patterns_cover_the_personal_addresses():
    # The shapes robots.txt disallows, checked against the real addresses in both languages.
    pattern = re.compile(r"^/.*/(registration|confirm)/")
    for language_prefix in ("", "/zh-hans"):
        for name in ("attendees:manage", "attendees:confirm"):
            path = reverse(name, kwargs={"year": 2022, "token": "abc"})
            assert pattern.match(language_prefix + path), path


# --- OpenGraph and Twitter cards -------------------------------------------------------------


def test_pages_describe_themselves_for_link_previews(client):
    edition = build_conference(5)
    url = reverse("events:program", kwargs={"year": edition.year})
    meta = head_meta(client.get(url, {"day": str(edition.start_date), "utm_source": "x"}).content)
    assert meta["og:title"] == ["Program"]
    assert meta["og:type"] == ["website"]
    assert meta["og:site_name"] == [edition.short_title_en]
    assert meta["og:description"][0].startswith("The program of")
    # The canonical address, without the query string.
    assert meta["og:url"] == [f"{SITE}/2022/program/"]
    assert meta["og:locale"] == ["en_US"]
    assert meta["og:locale:alternate"] == ["zh_CN"]
    assert meta["twitter:card"] == ["summary"]
    assert meta["twitter:title"] == ["Program"]
    assert "og:image" not in meta


def test_canonical_link_uses_the_site_address_without_query_strings(client):
    build_conference(5)
    html = client.get("/2022/program/", {"utm_source": "newsletter"}).content.decode()
    assert f'<link rel="canonical" href="{SITE}/2022/program/">' in html


def test_chinese_page_has_chinese_locale_and_title(client):
    build_conference(5)
    meta = head_meta(client.get("/zh-hans/2022/").content)
    assert meta["og:locale"] == ["zh_CN"]
    assert meta["og:locale:alternate"] == ["en_US"]
    assert meta["og:url"] == [f"{SITE}/zh-hans/2022/"]
    assert meta["og:title"] == ["2022国际会议"]


def test_news_with_a_cover_image_gets_a_large_card(client):
    article = NewsArticleFactory(cover_image="news/cover.jpg", title_en="Held at NEU")
    meta = head_meta(client.get(article.get_absolute_url()).content)
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["Held at NEU"]
    assert meta["og:image"] == [f"{SITE}/media/news/cover.jpg"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:image"] == [f"{SITE}/media/news/cover.jpg"]


def test_speaker_page_is_a_profile_with_the_photo(client):
    edition = EditionFactory(year=2022)
    speaker = SpeakerFactory(photo="speakers/jane.jpg")
    SessionFactory(edition=edition, with_speakers=[speaker])
    meta = head_meta(client.get(f"/2022/speakers/{speaker.slug}/").content)
    assert meta["og:type"] == ["profile"]
    assert meta["og:image"] == [f"{SITE}/media/speakers/jane.jpg"]


# --- schema.org JSON-LD ----------------------------------------------------------------------


def test_edition_home_is_a_schema_org_event(client):
    edition = build_conference(5)
    [event] = json_ld(client.get("/2022/").content.decode())
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == edition.title_en
    assert event["url"] == f"{SITE}/2022/"
    assert event["inLanguage"] == "en"
    # The edition's dates, as its page and its schedule files give them.
    assert (event["startDate"], event["endDate"]) == (
        edition.start_date.isoformat(),
        edition.end_date.isoformat(),
    )
    keynotes = Speaker.objects.filter(sessions__edition=edition, sessions__kind="keynote")
    assert [p["name"] for p in event["performer"]] == sorted({s.name for s in keynotes})
    assert event["performer"] and all(
        p["url"].startswith(f"{SITE}/2022/") for p in event["performer"]
    )
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    place, virtual = event["location"]
    assert place["@type"] == "Place" and place["name"] == "Northeastern University"
    assert place["address"]["addressLocality"] == "Shenyang"
    assert virtual == {"@type": "VirtualLocation", "url": f"{SITE}/2022/"}
    # Presented by NEU; "under the guidance of" is not an organizer.
    assert [org["name"] for org in event["organizer"]] == ["Northeastern University"]


def test_current_edition_event_is_on_the_site_home_too(client):
    build_conference(5)
    assert json_ld(client.get("/zh-hans/").content.decode())[0]["inLanguage"] == "zh-Hans"


@pytest.mark.parametrize(
    ("mode", "attendance", "location_types"),
    [
        (Mode.ON_SITE, "OfflineEventAttendanceMode", ["Place"]),
        (Mode.ONLINE, "OnlineEventAttendanceMode", ["VirtualLocation"]),
    ],
)
def test_edition_event_follows_its_mode(client, mode, attendance, location_types):
    EditionFactory(year=2022, mode=mode)
    [event] = json_ld(client.get("/2022/").content.decode())
    assert event["eventAttendanceMode"] == f"https://schema.org/{attendance}"
    assert [location["@type"] for location in event["location"]] == location_types
    # Without a program, the edition's dates.
    assert (event["startDate"], event["endDate"]) == ("2022-11-22", "2022-11-23")


def test_session_page_is_an_event_within_its_edition(client):
    edition = build_conference(5)
    edition.host = OrganizationFactory(name_en="Northeastern University", website="")
    edition.save()
    session = Session.objects.filter(edition=edition).order_by("pk").first()
    session.livestream_url = "https://live.example.org/private"
    session.save()
    html = client.get(session.get_absolute_url()).content.decode()
    [event] = json_ld(html)
    assert event["@type"] == "Event"
    assert event["name"] == session.title_en
    assert event["startDate"] == "2022-11-22T00:00:00+08:00"
    assert event["superEvent"]["@id"] == f"{SITE}/2022/#event"
    assert event["superEvent"]["name"] == edition.title_en
    assert (event["superEvent"]["startDate"], event["superEvent"]["endDate"]) == (
        edition.start_date.isoformat(),
        edition.end_date.isoformat(),
    )
    assert event["organizer"] == {"@type": "Organization", "name": edition.host.name} | (
        {"url": edition.host.website} if edition.host.website else {}
    )
    assert [person["name"] for person in event["performer"]] == [
        link.speaker.name for link in session.session_speakers.order_by("order")
    ]
    # Online attendance points at the public page, never at a meeting or private stream link.
    assert {"@type": "VirtualLocation", "url": f"{SITE}{session.get_absolute_url()}"} in event[
        "location"
    ]
    assert "example.org/private" not in json.dumps(event)
    assert "meeting.example.org" not in json.dumps(event)


def test_speaker_page_is_a_schema_org_person(client):
    edition = EditionFactory(year=2022)
    speaker = SpeakerFactory(
        name="Wang Shili",
        name_original="王石磊",
        position_en="Professor",
        affiliation_en="Northeastern University",
        country="CN",
        website="https://example.edu/wang",
    )
    SessionFactory(edition=edition, with_speakers=[speaker])
    [person] = json_ld(client.get(f"/2022/speakers/{speaker.slug}/").content.decode())
    assert person["@type"] == "Person"
    assert person["name"] == "Wang Shili"
    assert person["alternateName"] == "王石磊"
    assert person["jobTitle"] == "Professor"
    assert person["affiliation"] == {"@type": "Organization", "name": "Northeastern University"}
    assert person["nationality"] == {"@type": "Country", "name": "China"}
    assert person["sameAs"] == ["https://example.edu/wang"]
    assert person["url"] == f"{SITE}/2022/speakers/{speaker.slug}/"


def test_news_article_is_a_schema_org_news_article(client):
    edition = EditionFactory(year=2022)
    article = NewsArticleFactory(
        edition=edition,
        title_en="Held at NEU",
        written_by_en="Lei Chang, Yuhui Wang",
        cover_image="news/cover.jpg",
        published_on=datetime.date(2022, 12, 2),
        updated_on=datetime.date(2022, 12, 5),
    )
    [data] = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Held at NEU"
    assert data["datePublished"] == "2022-12-02"
    assert data["dateModified"] == "2022-12-05"
    assert data["author"] == [
        {"@type": "Person", "name": "Lei Chang"},
        {"@type": "Person", "name": "Yuhui Wang"},
    ]
    assert data["publisher"]["name"] == edition.series.name_en
    assert data["image"] == [f"{SITE}/media/news/cover.jpg"]


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    payload = '</script><script>alert(1)</script> & "quoted" <!-- more'
    article = NewsArticleFactory(title_en=payload)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    [data] = json_ld(html)
    assert data["headline"] == payload
    # Escaped once, not twice, in the <head> tags that repeat the title.
    assert head_meta(html)["og:title"] == [payload]


def test_pages_without_structured_data_have_no_json_ld(client):
    build_conference(5)
    assert json_ld(client.get("/2022/program/").content.decode()) == []


def test_organizer_roles_other_than_organizing_are_not_organizers(client):
    edition = EditionFactory(year=2022)
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.SPONSOR)
    assert "organizer" not in json_ld(client.get("/2022/").content.decode())[0]
