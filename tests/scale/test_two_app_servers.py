"""Two app servers behind one PostgreSQL and one Redis behave as one site.

Two real gunicorn processes (one worker each, as two machines behind a load balancer would run
them) serve the pytest-django test database and share a Redis database. Plain HTTP requests,
sent to one or the other, show that an edit through one is visible on the other at once, that a
session started on one is valid on the other, that rate limits count the requests to both, and
that registrations through both never give more places than the edition has.

Run it with ``DATABASE_URL=postgres://... .venv/bin/pytest tests/scale -q`` (docs/deployment.md).
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import lxml.html
import pytest
from django.conf import settings
from django.db import connection
from post_office.models import Email

from attendees.models import Registration
from conference_site import page_cache
from tests.admin_forms import form_values
from tests.attendees.test_concurrency import run_at_once
from tests.conftest import cannot_run, redis_test_url
from tests.factories import EditionFactory, OpenEditionFactory, UserFactory

# One worker runs the whole module under pytest-xdist, so its two servers start once.
pytestmark = [pytest.mark.postgres, pytest.mark.drill, pytest.mark.xdist_group("app_servers")]

PASSWORD = "a-long-test-password"  # tests/factories.py UserFactory
VERIFY_LIMIT = 4
STARTUP_SECONDS = 30
Status = Registration.Status


# --- the servers -------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def database_url(database: dict) -> str:
    """DATABASE_URL for the database this test session uses (pytest-django's test database)."""
    credentials = quote(database["USER"] or "")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    host = database["HOST"] or "localhost"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(database['NAME'])}"


def server_environment(redis_url: str) -> dict[str, str]:
    """What both servers share, as two production machines would: database, cache, key."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conference_site.settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CACHE_URL": redis_url,
        # Page copies shared in Redis too, so the test can see that B holds a copy before the
        # edit (by default each process keeps its own; both are checked against the same token).
        "PAGE_CACHE_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": "dummymail://",
        "DEBUG": "off",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback address, and no collected static manifest.
        "SECURE_SSL_REDIRECT": "off",
        "SESSION_COOKIE_SECURE": "off",
        "CSRF_COOKIE_SECURE": "off",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "off",
        "RATE_LIMIT_VERIFY": f"{VERIFY_LIMIT}/d",
        # Every request comes from 127.0.0.1: the registrations below must not hit the limits.
        "RATE_LIMIT_REGISTER": "1000/h",
        "RATE_LIMIT_RESEND_LINK": "1000/h",
    }


def start(name: str, environment: dict[str, str], log_dir: Path) -> Server:
    # The test binds the socket and hands it over (fd://): no race for a free port.
    listener = socket.create_server(("127.0.0.1", 0))
    log = log_dir / f"server-{name}.log"
    try:
        with log.open("wb") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "conference_site.wsgi",
                    f"--bind=fd://{listener.fileno()}",
                    "--workers=1",
                    # A few threads, so that requests to one server overlap too.
                    "--threads=4",
                    "--graceful-timeout=5",
                ],
                env=environment,
                cwd=settings.BASE_DIR,
                stdout=output,
                stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
            )
        return Server(name, listener.getsockname()[1], process, log)
    finally:
        listener.close()


def wait_until_healthy(servers: list[Server]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    waiting = list(servers)
    while waiting:
        server = waiting[0]
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} exited:\n{server.log_tail()}", pytrace=False)
        try:
            if Browser().get(server, "/healthz/").status == 200:
                waiting.pop(0)
                continue
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"server {server.name} did not start:\n{server.log_tail()}", pytrace=False)
        time.sleep(0.1)


def stop(servers: list[Server]) -> None:
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B, started once for this module against the test database."""
    if connection.vendor != "postgresql":
        cannot_run("needs PostgreSQL (DATABASE_URL=postgres://...)")
    import redis

    redis_url = redis_test_url()
    try:
        redis.Redis.from_url(redis_url).ping()
    except redis.RedisError as error:
        cannot_run(f"Redis is not reachable at {redis_url}: {error}")
    environment = server_environment(redis_url)
    log_dir = tmp_path_factory.mktemp("servers")
    started = []
    try:
        for name in ("A", "B"):
            started.append(start(name, environment, log_dir))
        wait_until_healthy(started)
        yield started
    finally:
        stop(started)


@pytest.fixture
def shared_cache(servers):
    """The servers' Redis database, empty at the start of each test."""
    import redis

    cache = redis.Redis.from_url(redis_test_url())
    cache.flushdb()
    yield cache
    cache.flushdb()


@pytest.fixture
def app_servers(servers, shared_cache, transactional_db):
    """Both servers; what a test writes is committed, so they see it."""
    return servers


# --- a visitor's browser -----------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Browser:
    """One visitor: its cookies go with every request, whichever server it reaches."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, server: Server, path: str) -> Response:
        return self.request(server, "GET", path)

    def post(self, server: Server, path: str, data: dict) -> Response:
        return self.request(server, "POST", path, urlencode(data, doseq=True))

    def request(self, server: Server, method: str, path: str, body: str | None = None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        http_connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            http_connection.request(method, path, body=body, headers=headers)
            answer = http_connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
        finally:
            http_connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return Response(answer.status, answer.headers, text)

    def submit(self, server: Server, path: str, form_id: str, changes: dict) -> Response:
        """GET the page, then POST its form as shown with ``changes`` (and ``_save`` pressed)."""
        page = self.get(server, path)
        assert page.status == 200, (page.status, path)
        return self.post(server, path, {**form_values(page.text, form_id), **changes, "_save": "1"})

    def log_in(self, server: Server, username: str) -> None:
        response = self.submit(
            server, "/admin/login/", "login-form", {"username": username, "password": PASSWORD}
        )
        assert response.status == 302, response.text[-2000:]


def csrf_token(html: str) -> str:
    return lxml.html.fromstring(html).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]


# --- the tests ---------------------------------------------------------------------------------


def test_an_edit_through_one_server_is_visible_on_the_other_at_once(app_servers, shared_cache):
    a, b = app_servers
    before = {"en": "Conference as first written", "zh-hans": "初稿会议"}
    after = {"en": "Conference as corrected", "zh-hans": "修订后的会议"}
    edition = EditionFactory(
        is_current=True, title_en=before["en"], title_zh_hans=before["zh-hans"]
    )
    UserFactory(username="organizer", is_staff=True, is_superuser=True)
    pages = {"/": "en", f"/{edition.year}/": "en", f"/zh-hans/{edition.year}/": "zh-hans"}
    visitor = Browser()
    for path, language in pages.items():
        assert before[language] in visitor.get(b, path).text, path
    # B filed copies of these pages in the page cache (conference_site/page_cache.py), in Redis.
    assert len(shared_cache.keys(f"*:{page_cache.KEY_PREFIX}:*")) >= len(pages)

    organizer = Browser()
    organizer.log_in(a, "organizer")
    response = organizer.submit(
        a,
        f"/admin/events/edition/{edition.pk}/change/",
        "edition_form",
        {"title_en": after["en"], "title_zh_hans": after["zh-hans"]},
    )
    assert response.status == 302, response.text[-3000:]

    for path, language in pages.items():
        text = visitor.get(b, path).text
        assert after[language] in text, path
        assert before[language] not in text, path


def test_a_session_started_on_one_server_is_valid_on_the_other(app_servers):
    a, b = app_servers
    UserFactory(username="organizer", is_staff=True)
    assert Browser().get(b, "/admin/").status == 302  # a stranger is sent to the login page

    browser = Browser()
    browser.log_in(a, "organizer")
    index = browser.get(b, "/admin/")
    assert index.status == 200
    assert "organizer" in index.text

    # Logging out on B ends the session on A as well.
    logout = browser.post(b, "/admin/logout/", {"csrfmiddlewaretoken": csrf_token(index.text)})
    assert logout.status == 200
    assert browser.get(a, "/admin/").status == 302


def test_rate_limits_count_the_requests_to_both_servers_together(app_servers):
    a, b = app_servers
    visitor = Browser()
    statuses = [
        visitor.get(server, "/verify/ABCD-EFGH-JKMN/").status for server in [a, b] * VERIFY_LIMIT
    ]
    # Counted per server, each would still allow VERIFY_LIMIT lookups: twice as many.
    assert statuses == [404] * VERIFY_LIMIT + [429] * VERIFY_LIMIT


PEOPLE = 12
PLACES = 4


def confirmation_path(email: str) -> str:
    """The link in the "confirm your email" message, from the outbox."""
    (message,) = Email.objects.filter(to=[email]).values_list("message", flat=True)
    return re.search(r"/\d{4}/confirm/[^/\s]+/", message).group()


def test_registrations_through_both_servers_never_give_more_places_than_there_are(app_servers):
    a, b = app_servers
    edition = OpenEditionFactory(on_site_capacity=PLACES)
    register = f"/{edition.year}/register/"

    def register_and_confirm(n):
        # Half register on A and confirm on B, half the other way round.
        first, second = (a, b) if n % 2 else (b, a)
        email = f"attendee{n}@example.org"
        browser = Browser()
        form = browser.get(first, register)
        data = {
            "csrfmiddlewaretoken": csrf_token(form.text),
            "name": f"Attendee {n}",
            "email": email,
            "organization": "University",
            "organization_type": "university",
            "country": "CN",
            "category": "expert",
            "mode": "on_site",
            "privacy_consent": "on",
        }
        registered = browser.post(first, register, data)
        assert registered.status == 302, registered.text[-2000:]
        confirmed = browser.get(second, confirmation_path(email))
        assert confirmed.status == 302, confirmed.text[-2000:]

    results = run_at_once(PEOPLE, register_and_confirm)

    assert [r for r in results if isinstance(r, BaseException)] == []
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert len(statuses) == PEOPLE
    assert statuses.count(Status.CONFIRMED) == PLACES
    assert statuses.count(Status.WAITLISTED) == PEOPLE - PLACES
    positions = sorted(
        r.waitlist_position() for r in Registration.objects.filter(status=Status.WAITLISTED)
    )
    assert positions == list(range(1, PEOPLE - PLACES + 1))
