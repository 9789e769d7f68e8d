"""With Redis gone the site serves every page uncached and accepts every form; when Redis comes
back, pages are cached and rate limits counted again, without a restart."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from attendees import ratelimits
from conference_site import cache as cache_module
from conference_site.cache import FailSafeRedisCache
from events.edition_files import build_files
from tests.conference_site.redis_server import PrivateRedis
from tests.factories import EditionFactory, OpenEditionFactory, SessionFactory
from tests.security.url_catalogue import addresses, build_world

pytestmark = pytest.mark.django_db

CACHE_LOGGER = "conference_site.cache"


@pytest.fixture(autouse=True)
def _no_outage_remembered(monkeypatch):
    """Each test starts as a fresh process would: no server known to be down, nothing logged."""
    monkeypatch.setattr(cache_module, "_HEALTH", {})


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def redis_caches(location, **options) -> dict:
    # No pause after a failure: each request tries Redis again, so a test sees recovery at once.
    options = {"failure_pause": 0, **options}
    backend = "conference_site.cache.FailSafeRedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": f"{location}/0", "OPTIONS": options},
        "pages": {"BACKEND": backend, "LOCATION": f"{location}/1", "OPTIONS": options},
    }


@pytest.fixture
def redis(settings, private_redis):
    """Both caches on the private Redis, as production sets CACHE_URL and PAGE_CACHE_URL."""
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{private_redis.port}")
    settings.PAGE_CACHE = True
    return private_redis


def warnings_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == CACHE_LOGGER]


def register(client, edition, email, address="203.0.113.9"):
    data = {
        "name": "Grace Hopper",
        "email": email,
        "organization": "US Navy",
        "organization_type": "government",
        "country": "US",
        "category": "government",
        "mode": "on_site",
        "privacy_consent": "on",
    }
    return client.post(f"/{edition.year}/register/", data, REMOTE_ADDR=address)


def test_every_public_page_answers_as_usual_while_redis_is_stopped(
    client, redis, caplog, media_root
):
    world = build_world()
    build_files()  # as the worker does after every change: program.pdf, .ics, schedules
    public = [address.url for address in addresses(world) if address.kind == "public"]
    with_redis = {url: client.get(url).status_code for url in public}
    assert 500 not in with_redis.values()
    redis.stop()
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        without_redis = {url: client.get(url).status_code for url in public}
    assert without_redis == with_redis
    year = world.edition.year
    for url in ["/", f"/{year}/", f"/{year}/program/", f"/{year}/program.pdf", "/api/sessions/"]:
        assert without_redis[url] == 200
    for url in ["/sitemap.xml", f"/zh-hans/{year}/speakers/", f"/{year}/schedule.json"]:
        assert without_redis[url] == 200
    assert any("unavailable" in message for message in warnings_logged(caplog))


def test_registrations_are_accepted_and_rate_limits_fail_open_while_redis_is_stopped(
    client, redis, settings, caplog
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, ratelimits.REGISTER: "1/h"}
    edition = OpenEditionFactory(is_current=True)
    redis.stop()
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        answers = [register(client, edition, f"p{n}@example.org").status_code for n in range(3)]
    assert answers == [302, 302, 302]
    assert any("unavailable" in message for message in warnings_logged(caplog))

    redis.start()
    assert register(client, edition, "p3@example.org").status_code == 302
    assert register(client, edition, "p4@example.org").status_code == 429


def test_pages_are_cached_again_once_redis_returns(
    client, redis, caplog, django_assert_num_queries
):
    edition = EditionFactory(is_current=True)
    SessionFactory(edition=edition, title_en="Seeing machines")
    url = f"/{edition.year}/program/"
    redis.stop()
    for _ in range(2):
        answer = client.get(url)
        assert answer.status_code == 200 and "Seeing machines" in answer.text
    assert caches["pages"].get("anything", "missed") == "missed"

    redis.start()
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        client.get(url)
    assert any("is back" in message for message in warnings_logged(caplog))
    with django_assert_num_queries(1):
        assert "Seeing machines" in client.get(url).text


def test_healthz_says_degraded_while_redis_is_stopped_and_ok_when_it_returns(client, redis):
    assert client.get("/healthz/").json()["status"] == "ok"
    redis.stop()
    answer = client.get("/healthz/")
    assert answer.status_code == 200
    assert answer.json()["status"] == "degraded"
    assert answer.json()["checks"]["cache:default"]["status"] == "degraded"
    assert answer.json()["checks"]["database"]["status"] == "ok"
    redis.start()
    assert client.get("/healthz/").json()["status"] == "ok"


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers: a Redis that hangs."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"redis://127.0.0.1:{server.getsockname()[1]}"


def test_a_redis_that_never_answers_is_a_miss_too(client, settings, silent_server, caplog):
    settings.CACHES = redis_caches(silent_server, socket_timeout=0.2, socket_connect_timeout=0.2)
    settings.PAGE_CACHE = True
    edition = OpenEditionFactory(is_current=True)
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        assert client.get("/").status_code == 200
        assert register(client, edition, "grace@example.org").status_code == 302
    assert any("TimeoutError" in message for message in warnings_logged(caplog))


def test_every_operation_on_a_refused_connection_is_a_miss(caplog):
    cache = FailSafeRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"failure_pause": 0}})
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        assert cache.get("key") is None
        assert cache.get("key", "default") == "default"
        assert cache.get_or_set("key", "computed") == "computed"
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is False
        assert cache.touch("key") is False
        assert cache.delete("key") is False
        assert cache.has_key("key") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        cache.delete_many(["a", "b"])
        cache.clear()
        with pytest.raises(ValueError):
            cache.incr("key")
    # One warning for the whole outage, not one per operation; no password in it.
    assert len(warnings_logged(caplog)) == 1
    assert "127.0.0.1:1" in warnings_logged(caplog)[0]


def test_rate_limits_fail_open_on_a_refused_connection(settings):
    settings.CACHES = redis_caches("redis://127.0.0.1:1")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, ratelimits.VERIFY: "1/h"}
    request = RequestFactory().get("/verify/x/", REMOTE_ADDR="203.0.113.9")
    limited = [
        is_ratelimited(
            request,
            group=ratelimits.VERIFY,
            key="ip",
            rate=ratelimits.configured_rate,
            increment=True,
        )
        for _ in range(3)
    ]
    assert limited == [False, False, False]


def test_a_redis_password_never_reaches_the_log(caplog):
    cache = FailSafeRedisCache("redis://:s3cret@127.0.0.1:1/0", {"OPTIONS": {}})
    with caplog.at_level(logging.WARNING, logger=CACHE_LOGGER):
        cache.get("key")
    assert warnings_logged(caplog) and "s3cret" not in warnings_logged(caplog)[0]
