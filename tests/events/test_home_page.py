"""The home page shows a handful of featured sessions and speakers, whatever the edition's size."""

import datetime

import pytest
from lxml import html as lxml_html

from events.models import Session
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db


def edition_with_keynotes(count: int):
    edition = EditionFactory(year=2022, is_current=True)
    for i in range(count):
        start = datetime.datetime(2022, 11, 22, 8, tzinfo=SHANGHAI) + datetime.timedelta(
            minutes=5 * i
        )
        SessionFactory(
            edition=edition,
            kind=Session.Kind.KEYNOTE,
            start=start,
            end=start + datetime.timedelta(minutes=5),
            with_speakers=[SpeakerFactory(), SpeakerFactory()],
        )
    for _ in range(count):
        SubForumFactory(edition=edition)
    return edition


@pytest.mark.parametrize("count", [5, 60])
def test_home_costs_the_same_queries_with_many_keynotes(
    page_cache_off, count, client, django_assert_num_queries
):
    edition_with_keynotes(count)
    with django_assert_num_queries(12):
        assert client.get("/").status_code == 200


def test_home_does_not_grow_with_the_number_of_keynotes(page_cache_off, client):
    edition = edition_with_keynotes(5)
    small = len(client.get("/").content)
    for i in range(60):
        start = datetime.datetime(2022, 11, 23, 8, tzinfo=SHANGHAI) + datetime.timedelta(
            minutes=5 * i
        )
        SessionFactory(
            edition=edition,
            kind=Session.Kind.KEYNOTE,
            start=start,
            end=start + datetime.timedelta(minutes=5),
            with_speakers=[SpeakerFactory(), SpeakerFactory()],
        )
    large = len(client.get("/").content)
    # The same handful is shown: sixty more keynotes would add tens of kilobytes.
    assert large == small


def test_home_shows_featured_sessions_first_and_links_the_whole_program(client):
    edition = edition_with_keynotes(6)
    chosen = SessionFactory(
        edition=edition,
        title_en="Chosen panel",
        kind=Session.Kind.PANEL,
        is_featured=True,
        with_speakers=[SpeakerFactory(name="Fea Tured")],
    )
    page = lxml_html.fromstring(client.get("/").content)
    titles = page.xpath("//ul[@class='featured-sessions']//h3/a/text()")
    assert titles == ["Chosen panel"]
    assert page.xpath("//ul[@class='featured-sessions']//h3/a/@href") == [
        f"/2022/sessions/{chosen.pk}/"
    ]
    speakers = page.xpath("//section[@aria-labelledby='keynotes-title']//h3/a/text()")
    assert speakers == ["Prof. Fea Tured"]
    assert page.xpath("//a[@href='/2022/program/']")
    assert page.xpath("//a[@href='/2022/speakers/']")


def test_home_without_featured_sessions_shows_the_first_four_keynotes(client):
    edition_with_keynotes(6)
    page = lxml_html.fromstring(client.get("/").content)
    assert len(page.xpath("//ul[@class='featured-sessions']/li")) == 4
    assert len(page.xpath("//section[@aria-labelledby='keynotes-title']//li")) == 8
    assert (
        len(page.xpath("//section[@aria-labelledby='sub-forums-title']//ul[@class='card-grid']/li"))
        == 6
    )
