"""Search: both languages, inside Chinese words, without case or accents, grouped and
highlighted, at a fixed number of queries; on PostgreSQL through the trigram indexes."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from events import search
from tests.conftest import cannot_run
from tests.events.test_public_pages import build_conference
from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    PageFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("events:search")


@pytest.fixture
def site():
    edition = EditionFactory(year=2022)
    forum = SubForumFactory(
        edition=edition, title_en="Metallurgy and metal materials", title_zh_hans="冶金与金属材料"
    )
    speaker = SpeakerFactory(
        name="José Müller", slug="jose-muller", affiliation_en="Universität Wien"
    )
    SessionFactory(
        edition=edition,
        sub_forum=forum,
        title_en="Clean steel making",
        title_zh_hans="洁净钢冶炼技术",
        abstract_en="Inclusions in <strong>steel</strong> &amp; slag.",
        with_speakers=[speaker],
    )
    NewsArticleFactory(
        title_en="Registration for the metallurgy forum", title_zh_hans="冶金论坛报名"
    )
    PageFactory(slug="venue", title_en="Venue", body_en="<p>The Hunnan campus of NEU.</p>")
    # Not public: never found.
    SessionFactory(edition=EditionFactory(year=2040, is_published=False), title_en="Secret steel")
    NewsArticleFactory(title_en="Draft steel news", status="draft")
    return edition


def results(client, query, prefix=""):
    response = client.get(prefix + URL, {"q": query})
    assert response.status_code == 200
    return response.text


def test_chinese_query_matches_inside_words(client, site):
    html = results(client, "冶金", "/zh-hans")
    assert "<mark>冶金</mark>与金属材料" in html
    assert "<mark>冶金</mark>论坛报名" in html


def test_english_ignores_case_and_accents(client, site):
    html = results(client, "jose muller")
    assert "<mark>José Müller</mark>" in html
    assert "Universität" in html
    assert "Clean <mark>Steel</mark>" not in html  # the title's own case is kept
    assert "Clean <mark>steel</mark> making" in results(client, "STEEL")
    assert "<mark>Universität</mark>" in results(client, "universitat")


def test_results_are_grouped_by_kind_and_only_public(client, site):
    html = results(client, "steel")
    assert 'id="results-session"' in html
    assert "Secret steel" not in html and "Draft steel news" not in html
    html = results(client, "metallurgy")
    assert 'id="results-sub_forum"' in html and 'id="results-news"' in html
    assert 'id="results-page"' not in html


def test_matches_in_rich_text_are_shown_as_escaped_plain_text(client, site):
    html = results(client, "slag")
    assert "<strong>" not in html.split('class="search-results"')[1]
    assert "&amp; <mark>slag</mark>" in html


def test_highlighting_escapes_what_it_marks(client, site):
    SessionFactory(edition=site, title_en="<script>alert(1)</script> steel")
    html = results(client, "script")
    assert "<mark>script</mark>" in html
    assert "<script>alert" not in html


@pytest.mark.parametrize("size", [4, 40])
@pytest.mark.parametrize("query", ["number", "分论坛", "page", "Speaker"])
def test_query_count_is_constant(page_cache_off, client, django_assert_num_queries, size, query):
    edition = build_conference(size)
    for n in range(size):
        # Pages of an edition link through it: found by "page", read with their edition.
        PageFactory(slug=f"travel-{n}", title_en=f"Travel page {n}", edition=edition)
    html = client.get(URL, {"q": query}).text
    assert "<mark>" in html
    # The frame (2) and one query per kind, whatever the number of matches.
    with django_assert_num_queries(7):
        client.get(URL, {"q": query})


def test_broad_matches_are_ordered_before_they_are_cut(client, site):
    """The newest edition first, then program order: decided on all matches, not on those read."""
    older = EditionFactory(year=2019)
    for n in range(search.RESULTS_PER_KIND + 5):
        SessionFactory(edition=older, title_en=f"Old alloy talk {n}")
    newest = SessionFactory(edition=site, title_en="New alloy talk")
    groups = {group.kind: group for group in search.search("alloy")}
    sessions = groups["session"]
    assert sessions.more and len(sessions.results) == search.RESULTS_PER_KIND
    assert sessions.results[0].url == newest.get_absolute_url()


@pytest.mark.parametrize("query", ["x" * 101, "a"])
def test_a_query_too_long_or_short_is_refused_clearly(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    assert 'role="alert"' in response.text


def test_empty_search_shows_the_form(client):
    html = results(client, "")
    assert 'type="search"' in html and "search-results" not in html


def test_many_matches_are_cut_with_a_note(client, site):
    for n in range(search.RESULTS_PER_KIND + 3):
        SessionFactory(edition=site, title_en=f"Alloy talk {n}")
    html = results(client, "alloy")
    assert html.count("<mark>Alloy</mark> talk") == search.RESULTS_PER_KIND
    assert "Only the first" in html


def test_highlight_maps_folded_matches_back_to_the_text():
    parts = search.highlight("Über Straße café", "cafe")
    assert [(p.text, p.match) for p in parts] == [("Über Straße ", False), ("café", True)]


@pytest.mark.postgres
def test_search_uses_the_trigram_indexes_on_postgresql(site):
    if connection.vendor != "postgresql":
        cannot_run("needs PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        queryset = search._searched("session").filter(search_document__contains="steel")
        plan = queryset.explain()
    assert "session_search_trgm" in plan


def test_news_published_after_the_first_search_is_found_the_day_it_appears(
    page_cache_off, client, time_machine
):
    """The search's queries are built once a process; "published as of today" is not."""
    time_machine.move_to("2026-03-01 12:00+08:00")
    NewsArticleFactory(title_en="Forum on tungsten", published_on=datetime.date(2026, 3, 2))
    assert "<mark>tungsten</mark>" not in results(client, "tungsten")
    time_machine.move_to("2026-03-02 12:00+08:00")
    assert "<mark>tungsten</mark>" in results(client, "tungsten")


def test_results_follow_the_language_of_each_request(client, site):
    assert "洁净钢冶炼技术" in results(client, "steel", "/zh-hans")
    html = results(client, "steel")
    assert "Clean <mark>steel</mark> making" in html
    assert "洁净钢冶炼技术" not in html.split('class="search-results"')[1].split("</a>")[0]
