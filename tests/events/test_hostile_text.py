"""Whatever organizers or an import put in a name, title or slug is shown as text, never as markup.

The program, sub-forum, speaker and session pages and the speakers grid write their listings
from plain rows; the templates escape every value, slugs included (an import does not have to
give slug-shaped slugs).
"""

import lxml.html
import pytest

from events.models import Session
from tests.factories import RoomFactory, SessionFactory, SpeakerFactory, SubForumFactory

pytestmark = pytest.mark.django_db

TITLE = '<script>alert("title")</script> & "quoted"'
NAME = "Ann <script>alert(1)</script> & Co"
AFFILIATION = '"Plant" <b>Bold</b> & <i>Sons</i>'
ROOM = "<img src=x onerror=alert(1)> Hall"
SUB_FORUM = "</a><svg onload=alert(1)> forum"
SPEAKER_SLUG = 'x" onmouseover="alert(1)'
SUB_FORUM_SLUG = "y'><script>alert(2)</script>"


@pytest.fixture
def hostile(edition):
    speaker = SpeakerFactory(
        name=NAME,
        slug="ann",
        honorific_en="",
        honorific_zh_hans="",
        position_en=TITLE,
        affiliation_en=AFFILIATION,
    )
    forum = SubForumFactory(edition=edition, title_en=SUB_FORUM, slug="forum")
    session = SessionFactory(
        edition=edition,
        kind=Session.Kind.KEYNOTE,
        title_en=TITLE,
        room=RoomFactory(edition=edition, name_en=ROOM),
        sub_forum=forum,
        with_speakers=[speaker],
    )
    return session


@pytest.fixture
def oddly_slugged(edition, hostile):
    """Slugs the slug path converter refuses (pages that reverse them fail): listings that fill
    addresses in from one pattern still write them as text."""
    speaker = SpeakerFactory(
        name="Odd Slug", slug=SPEAKER_SLUG, honorific_en="", honorific_zh_hans=""
    )
    forum = SubForumFactory(edition=edition, slug=SUB_FORUM_SLUG)
    SessionFactory(edition=edition, start=hostile.end, sub_forum=forum, with_speakers=[speaker])


def page(client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, path
    tree = lxml.html.fromstring(response.content)
    # Nothing the data holds became an element or an event handler.
    assert not tree.xpath("//main//script | //main//b | //main//i | //main//svg | //img[@onerror]")
    assert not tree.xpath("//*[@onmouseover or @onload or @onerror]")
    # JSON-LD holds the texts as data, escaped so that they cannot end its element.
    assert not tree.xpath('//script[not(@type="application/ld+json") and contains(., "alert")]')
    return tree


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]


def test_the_program_shows_hostile_values_as_text(client, edition, hostile, oddly_slugged):
    tree = page(client, f"/{edition.year}/program/")
    [article, _] = tree.xpath('//article[contains(@class, "session ")]')
    [title] = article.xpath('.//*[@class="session__title"]/a')
    assert (title.text_content(), title.get("href")) == (
        TITLE,
        f"/{edition.year}/sessions/{hostile.pk}/",
    )
    links = tree.xpath('//ul[@class="session__speakers"]/li/a')
    assert [(a.text_content(), a.get("href")) for a in links] == [
        (NAME, f"/{edition.year}/speakers/ann/"),
        ("Odd Slug", f"/{edition.year}/speakers/{SPEAKER_SLUG}/"),
    ]
    assert texts(article, './/*[@class="session__affiliation"]') == [" ".join(AFFILIATION.split())]
    forums = tree.xpath('//dl[@class="session__facts"]//a')
    assert [(a.text_content(), a.get("href")) for a in forums][0] == (
        SUB_FORUM,
        f"/{edition.year}/sub-forums/forum/",
    )
    assert forums[1].get("href") == f"/{edition.year}/sub-forums/{SUB_FORUM_SLUG}/"
    assert f"{ROOM} (Main Building)" in texts(article, ".//dd")


def test_the_speakers_grid_and_a_speakers_page_show_hostile_values_as_text(
    client, edition, hostile, oddly_slugged
):
    tree = page(client, f"/{edition.year}/speakers/")
    cards = tree.xpath('//article[contains(@class, "speaker-card")]')
    links = [card.xpath(".//h2/a")[0] for card in cards]
    assert [(a.text_content(), a.get("href")) for a in links] == [
        (NAME, f"/{edition.year}/speakers/ann/"),
        ("Odd Slug", f"/{edition.year}/speakers/{SPEAKER_SLUG}/"),
    ]
    assert texts(cards[0], './/*[@class="speaker-card__position"]') == [TITLE]
    assert texts(cards[0], './/*[@class="speaker-card__affiliation"]') == [AFFILIATION]
    tree = page(client, f"/{edition.year}/speakers/ann/")
    assert texts(tree, '//*[@class="session__title"]') == [TITLE]


def test_a_session_and_the_edition_home_show_hostile_values_as_text(client, edition, hostile):
    for path in [f"/{edition.year}/sessions/{hostile.pk}/", f"/{edition.year}/"]:
        tree = page(client, path)
        [card] = tree.xpath('//article[contains(@class, "speaker-card")]')
        assert card.xpath("string(.//h3/a)") == NAME
        assert texts(card, './/*[@class="speaker-card__affiliation"]') == [AFFILIATION]
