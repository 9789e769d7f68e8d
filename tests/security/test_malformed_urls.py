"""Malformed addresses give a 4xx page, never a 500.

A crawler over every URL pattern (``url_catalogue``) that replaces one argument at a time with
a hostile value, adds hostile query strings, and tries unknown language prefixes.
"""

import urllib.parse

import pytest
from django.test import Client

from events.edition_files import build_files
from tests.factories import UserFactory

from .url_catalogue import addresses, build_world, fill

HUGE = str(10**30)
LONG_SLUG = "a-" * 300 + "z"

# Values for any argument, whatever its converter (the resolver answers 404 for values the
# converter refuses, which is fine too).
ANY = [
    "999999999",
    HUGE,
    "-1",
    "0",
    LONG_SLUG,
    urllib.parse.quote("会议"),
    urllib.parse.quote("🎉-emoji"),
    "%00",
    "abc%00def",
    "%0A%0D%09",
    "%1B%7F",
    "%FF%FE",
    "..",
    "%2E%2E%2F%2E%2E",
    "x" * 2000,
]


# For staff pages (the admin's hundreds of addresses share a few views): fewer, to stay fast.
ANY_FOR_ADMIN = ["999999999", HUGE, "-1", "%00", urllib.parse.quote("🎉"), "x" * 300]


def _mutations(converter, name, value, *, admin=False):
    mutations = list(ANY_FOR_ADMIN if admin else ANY)
    if name in ("token", "serial"):
        flipped = value[:-1] + ("A" if value[-1] != "A" else "B")
        mutations += [flipped, value[:-5], value + "x", value.swapcase(), value.replace(":", "%3A")]
    if name == "year":
        mutations += ["1900", "9999", "00002022"]
    if name == "language":
        mutations += ["xx", "zh-hans", "en" * 50]
    if name == "kind":
        mutations += ["livestream", "replay", "unknown"]
    return mutations


BAD_QUERIES = [
    "?page=abc&page=-1&day=2022-13-45&sub_forum=%FF",
    "?page=999999999999999999999999&day=0000-00-00&sub_forum=-1",
    "?day=%00&topic=abc&kind=%00&mode=x&lang=xx&q=" + "%F0%9F%8E%89" * 50,
    "?o=abc&p=-1&e=1&q=%00&all=&_changelist_filters=%FF&page=0",
    "?" + "&".join(f"a{i}=b" for i in range(300)),
    # Add forms are prefilled from the query string: related ids that are not ids.
    "?edition=abc&series=%FF&room=-1&organization=x&sub_forum=%00&topics=a,b&registration=" + HUGE,
]

ADMIN_QUERIES = [BAD_QUERIES[0], BAD_QUERIES[3], BAD_QUERIES[-1]]

UNKNOWN_LANGUAGES = ["/xx/", "/zz-hans/", "/zh/", "/en/", "/ZH-HANS/", "/zh-hant/", "/%FF/"]


def _crawl(client, urls):
    crashes = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            crashes.append((response.status_code, url[:200]))
    return crashes


@pytest.fixture
def world(db, media_root):
    world = build_world()
    build_files()  # as the worker does: the program's files are there, not being prepared
    return world


@pytest.fixture
def crawler():
    return Client(raise_request_exception=False)


def _mutated(world, *, admin=False):
    for address in addresses(world, languages=["en"]):
        if admin and address.kind != "staff":
            continue
        for index, (converter, name) in enumerate(address.parameters):
            for mutation in _mutations(converter, name, address.values[index], admin=admin):
                values = list(address.values)
                values[index] = mutation
                yield fill(address.route, values)


@pytest.mark.fuzz
def test_mutated_arguments_never_crash_for_visitors(world, crawler):
    assert _crawl(crawler, list(_mutated(world))) == []


@pytest.mark.fuzz
def test_mutated_arguments_never_crash_for_superusers(world, crawler):
    crawler.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert _crawl(crawler, list(_mutated(world, admin=True))) == []


@pytest.mark.fuzz
def test_bad_query_strings_never_crash(world, crawler):
    urls = [a.url + query for a in addresses(world, languages=["en"]) for query in BAD_QUERIES]
    assert _crawl(crawler, urls) == []


@pytest.mark.fuzz
def test_bad_query_strings_never_crash_the_admin(world, crawler):
    crawler.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    # On the pages without an object (lists, add forms, exports, statistics) the queries their
    # code reads (filters, prefilled forms); on the pages of one object, the first.
    urls = []
    for address in addresses(world, languages=["en"]):
        if address.kind == "staff":
            queries = BAD_QUERIES[:1] if address.parameters else ADMIN_QUERIES
            urls += [address.url + query for query in queries]
    assert _crawl(crawler, urls) == []


@pytest.mark.fuzz
def test_unknown_language_prefixes_give_a_page_not_a_crash(world, crawler):
    urls = [
        prefix + a.url.lstrip("/")
        for a in addresses(world, languages=["en"])
        if not a.url.startswith(("/admin/", "/api/"))
        for prefix in UNKNOWN_LANGUAGES
    ]
    assert _crawl(crawler, urls) == []


def test_the_registration_export_answers_400_to_a_filter_it_cannot_apply(world, crawler):
    crawler.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = crawler.get("/admin/attendees/registration/export/?page=abc")
    assert response.status_code == 400


def test_admin_add_forms_ignore_prefilled_related_values_that_are_not_ids(world, crawler):
    crawler.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = crawler.get("/admin/events/session/add/?edition=abc&sub_forum=%FF")
    assert response.status_code == 200
    response = crawler.get(f"/admin/events/session/add/?edition={world.edition.pk}")
    assert response.context["adminform"].form.initial["edition"] == str(world.edition.pk)
