"""The page cache's memory: only a page's own parameters make copies, and no sequence of
anonymous requests grows the copies past the memory budget."""

import gc
import pickle
import tracemalloc

import pytest
from django.core.cache import caches
from django.urls import get_resolver

from conference_site.memory_cache import ENTRY_OVERHEAD, SizeBoundedMemoryCache
from events.api import api_query_parameters
from tests.factories import NewsArticleFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db

BUDGET = 256 * 1024
MARKER = "zqxmarkerzqx"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def program(edition):
    room = RoomFactory()
    for number in range(6):
        SessionFactory(edition=edition, room=room, title_en=f"Seeing machines {number}")
    for number in range(12):
        NewsArticleFactory(slug=f"article-{number}")
    return edition, room


@pytest.fixture
def budget(settings):
    """The pages on a cache of their own with a small budget, so a test can fill it quickly."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "conference_site.memory_cache.SizeBoundedMemoryCache",
            "LOCATION": "pages-budget-test",
            "OPTIONS": {"MAX_ENTRIES": 100_000, "MAX_BYTES": BUDGET},
        },
    }
    pages = caches["pages"]
    pages.clear()
    yield pages
    pages.clear()


def _held(pages) -> int:
    """What the cache's structure holds, counted from the entries themselves."""
    return sum(len(key) + len(value) for key, value in pages._cache.items())


def test_tracking_parameters_are_answered_from_the_same_copy(
    client, program, django_assert_num_queries
):
    edition, _room = program
    url = f"/{edition.year}/program/"
    first = client.get(url)
    assert first.status_code == 200
    for number, query in enumerate(
        ["utm_source=x1", "utm_source=x2&utm_medium=mail", "fbclid=abc", "random=1&other=2"]
    ):
        # Only the content version is read: no page is rendered for an unknown parameter.
        with django_assert_num_queries(1):
            answer = client.get(f"{url}?{query}&n={number}")
        assert answer.status_code == 200
        assert answer.content == first.content


def test_unknown_parameters_never_show_in_a_copy(client, program):
    edition, _room = program
    answer = client.get(f"/{edition.year}/program/?utm_source={MARKER}")
    assert answer.status_code == 200
    # The language switcher and the alternates link the page's address: without the parameter.
    assert MARKER not in answer.text
    api = client.get(f"/api/news/?limit=2&utm_campaign={MARKER}").json()
    assert api["next"] == "http://testserver/api/news/?limit=2&offset=2"


def test_the_page_own_parameters_make_their_copies_in_any_order(
    client, program, django_assert_num_queries
):
    edition, room = program
    url = f"/{edition.year}/program/"
    everything = client.get(url)
    filtered = client.get(f"{url}?day={edition.start_date}&room={room.pk}")
    assert filtered.status_code == 200 and filtered.content != everything.content
    with django_assert_num_queries(1):
        same = client.get(f"{url}?room={room.pk}&utm_source=x&day={edition.start_date}")
    assert same.content == filtered.content
    # One value a parameter, the last, as the form reads it.
    with django_assert_num_queries(1):
        repeated = client.get(f"{url}?day=2000-01-01&day={edition.start_date}&room={room.pk}")
    assert repeated.content == filtered.content


def test_invalid_values_of_known_parameters_are_never_stored(client, program, budget):
    edition, _room = program
    client.get(f"/{edition.year}/program/")
    held = budget.bytes_held
    for number in range(20):
        assert client.get(f"/{edition.year}/program/?day=nonsense{number}").status_code == 400
        assert client.get(f"/news/?page={number + 100}").status_code == 404
        assert client.get(f"/api/sessions/?edition={edition.year}&day=x{number}").status_code == 400
    assert budget.bytes_held == held


def test_an_api_parameter_of_another_operation_makes_no_copy(
    client, program, django_assert_num_queries
):
    edition, _room = program
    first = client.get("/api/news/")
    # list_news has no edition filter: the parameter is ignored and the copy served.
    with django_assert_num_queries(1):
        assert client.get(f"/api/news/?edition={edition.year}").content == first.content
    with django_assert_num_queries(1):
        assert client.get("/api/news/?edition=not-a-year").content == first.content


def test_every_api_address_is_cached_under_its_declared_parameters():
    parameters = api_query_parameters()
    assert parameters["list_sessions"] == ("edition", "sub_forum", "day", "limit", "offset")
    assert parameters["list_news"] == ("limit", "offset")
    names = {
        pattern.name
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", None) == "api"
        for pattern in resolver.url_patterns
    }
    assert names - {"openapi-json", "api-root"} == set(parameters)


def test_no_sequence_of_anonymous_requests_grows_the_cache_past_its_budget(client, program, budget):
    edition, room = program
    year = edition.year
    days = [edition.start_date, edition.end_date]

    def addresses(numbers):
        for number in numbers:
            yield f"/{year}/program/?utm_source=x{number}"
            yield f"/zh-hans/{year}/program/?fbclid={number}&random{number}={number}"
            yield f"/{year}/program/?day={days[number % 2]}&room={room.pk}&utm_medium={number}"
            yield f"/{year}/program/?day=nonsense{number}"
            yield f"/{year}/speakers/?page={number}&q={number}"
            yield f"/news/?page={number % 2 + 1}&utm_term={number}"
            # Valid and different every time: distinct copies, pushed out by the budget.
            yield f"/api/sessions/?edition={year}&limit={number % 100 + 1}&offset={number}"
            yield f"/api/news/?offset={number}&utm_content={number}"

    # Warm up: the first rendering of each page fills Django's and Python's own caches.
    for address in addresses(range(1000, 1010)):
        client.get(address)
    budget.clear()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        statuses = set()
        for address in addresses(range(60)):
            statuses.add(client.get(address).status_code)
            assert _held(budget) <= budget.bytes_held <= BUDGET
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    assert statuses == {200, 400}
    # The budget was reached: distinct valid answers were stored and the oldest pushed out.
    assert budget.bytes_held > BUDGET // 2
    # What the cache's code allocated and still holds (the copies, their keys and its tables) is
    # within the budget and its per-entry bookkeeping.
    cache_code = [
        tracemalloc.Filter(True, "*/django/core/cache/*"),
        tracemalloc.Filter(True, "*/conference_site/memory_cache.py"),
    ]
    held_by_cache = sum(
        stat.size_diff
        for stat in after.filter_traces(cache_code).compare_to(
            before.filter_traces(cache_code), "filename"
        )
    )
    assert 0 < held_by_cache <= BUDGET + len(budget._cache) * ENTRY_OVERHEAD
    # And the process as a whole: the rest is the test client's and SQLite's own bookkeeping,
    # which does not depend on the query strings.
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert grown < BUDGET + 4 * 1024 * 1024


def test_the_least_recently_used_copy_goes_first_and_a_copy_over_budget_is_never_kept():
    pages = SizeBoundedMemoryCache(
        "size-bounded-unit-test", {"OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": 3000}}
    )
    pages.clear()
    value = "x" * 600
    entry = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) + ENTRY_OVERHEAD
    assert 3 * entry <= 3000 < 4 * entry
    for key in "abc":
        pages.set(key, value)
    assert pages.bytes_held >= 3 * entry
    assert pages.get("a") == value
    pages.set("d", value)
    # b was the least recently used: a was read after it was written.
    assert pages.get("b") is None and pages.get("a") == value and pages.get("d") == value
    assert pages.bytes_held <= 3000
    pages.set("huge", "y" * 5000)
    assert pages.get("huge") is None and pages.get("a") == value
    pages.delete("a")
    pages.clear()
    assert pages.bytes_held == 0
