"""Rate limits on registering, on the link sent again, and on verifying a document's serial."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from attendees import ratelimits
from tests.conftest import cannot_run, redis_test_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Small limits, so that a test reaches them in a few requests."""
    settings.RATE_LIMITS = {
        ratelimits.REGISTER: "3/h",
        ratelimits.RESEND_LINK: "2/h",
        ratelimits.VERIFY: "3/m",
    }
    return settings.RATE_LIMITS


def register(client, edition, email="grace@example.org", *, address="203.0.113.9", language="en"):
    prefix = "" if language == "en" else f"/{language}"
    data = {"name": "Grace Hopper", "email": email, "privacy_consent": "on"}  # incomplete: 400
    return client.post(f"{prefix}/{edition.year}/register/", data, REMOTE_ADDR=address)


def verify(client, *, address="203.0.113.9"):
    url = reverse("attendees:verify", kwargs={"serial": "ABCD-EFGH-JKMN"})
    return client.get(url, REMOTE_ADDR=address)


def assert_too_many_requests(response, language="en"):
    assert response.status_code == 429
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        assert translation.gettext("Too many requests") in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_registering_too_often_from_one_address_gets_the_429_page(
    client, open_edition, limits, language
):
    for number in range(3):
        response = register(client, open_edition, f"person{number}@example.org", language=language)
        assert response.status_code == 400
    response = register(client, open_edition, "person3@example.org", language=language)
    assert_too_many_requests(response, language)


def test_showing_the_registration_form_is_not_limited(client, open_edition, limits):
    for _ in range(5):
        assert client.get(f"/{open_edition.year}/register/").status_code == 200


def test_other_addresses_may_still_register(client, open_edition, limits):
    for number in range(4):
        register(client, open_edition, f"person{number}@example.org")
    assert register(client, open_edition, address="198.51.100.7").status_code == 400


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(
    client, open_edition, limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    def through_proxy(visitor, email):
        data = {"name": "Grace Hopper", "email": email}
        url = f"/{open_edition.year}/register/"
        return client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)

    for number in range(3):
        through_proxy("203.0.113.9", f"person{number}@example.org")
    assert through_proxy("203.0.113.9", "person3@example.org").status_code == 429
    assert through_proxy("198.51.100.7", "person4@example.org").status_code == 400


def test_sending_the_form_again_for_one_email_is_limited_sooner(client, open_edition, limits):
    """An address already registered is emailed its link again: not as often as one likes."""
    limits[ratelimits.REGISTER] = "10/h"
    for _ in range(2):
        assert register(client, open_edition, "Grace@Example.org").status_code == 400
    assert_too_many_requests(register(client, open_edition, "grace@example.org "))
    assert register(client, open_edition, "ada@example.org").status_code == 400


def test_nobody_can_use_up_the_allowance_of_someone_elses_email(client, open_edition, limits):
    for _ in range(3):
        register(client, open_edition, "grace@example.org", address="198.51.100.7")
    assert register(client, open_edition, "grace@example.org").status_code == 400


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_verifying_serials_too_often_gets_the_429_page(client, limits, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _ in range(3):
        assert verify(client).status_code == 404
    response = verify(client)
    assert response.status_code == 429
    assert verify(client, address="198.51.100.7").status_code == 404


def test_limits_come_from_the_environment_with_sensible_defaults():
    assert set(settings.RATE_LIMITS) == {
        ratelimits.REGISTER,
        ratelimits.RESEND_LINK,
        ratelimits.VERIFY,
        "cooperation.meeting_request",
    }
    assert all(rate for rate in settings.RATE_LIMITS.values())


# Another process (a second gunicorn worker) spends the whole allowance of one address.
OTHER_WORKER = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import RequestFactory
    from django_ratelimit.core import is_ratelimited
    from attendees import ratelimits

    request = RequestFactory().get("/verify/x/", REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        is_ratelimited(
            request, group=ratelimits.VERIFY, key="ip", rate=ratelimits.configured_rate,
            increment=True,
        )
    """
)


@pytest.fixture
def redis_cache(settings):
    import redis

    url = redis_test_url()
    try:
        connection = redis.Redis.from_url(url)
        connection.ping()
    except redis.RedisError as error:
        cannot_run(f"Redis is not reachable at {url}: {error}")
    connection.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    yield url
    connection.flushdb()


@pytest.mark.drill
def test_processes_share_the_counters_through_redis(client, redis_cache, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, ratelimits.VERIFY: "3/d"}
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conference_site.settings",
        "CACHE_URL": redis_cache,
        "RATE_LIMIT_VERIFY": "3/d",
    }
    subprocess.run(
        [sys.executable, "-c", OTHER_WORKER],
        env=environment,
        cwd=settings.BASE_DIR,
        check=True,
        timeout=60,
    )
    assert verify(client).status_code == 429
    assert verify(client, address="198.51.100.7").status_code == 404
