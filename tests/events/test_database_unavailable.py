"""The database goes away: visitors get a translated 503 page, never a 500, and the site recovers.

The first tests make every query fail inside the process (any engine); the PostgreSQL tests
break the real connection: a server that refuses connections, a backend terminated in the
middle of a request, a persistent connection terminated between two requests. Those send each
request through Django's WSGI handler, as gunicorn does, because the test client leaves out the
request signals that discard broken connections.
"""

import contextlib
import logging
import socket

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from post_office.models import Email

from attendees.models import Registration
from conference_site.database_unavailable import RETRY_AFTER_SECONDS
from events import queries
from events.models import Edition
from tests.factories import OpenEditionFactory

HEADING = "The site is temporarily unavailable"


@pytest.fixture
def open_edition(db):
    return OpenEditionFactory(is_current=True)


def register_path(edition, language="en"):
    with translation.override(language):
        return reverse("attendees:register", kwargs={"year": edition.year})


def registration_form(address="ada@example.org"):
    return {
        "name": "Ada Lovelace",
        "email": address,
        "organization": "Northeastern University",
        "organization_type": "university",
        "country": "CN",
        "category": "expert",
        "mode": "on_site",
        "privacy_consent": "on",
    }


@contextlib.contextmanager
def database_down():
    """Every query fails as when the server is gone (connection refused), whatever the engine."""

    def refuse(self):
        raise OperationalError("connection refused: is the server running? (simulated)")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        yield


def assert_unavailable_page(response_status, headers, content, language):
    assert response_status == 503
    assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in headers["Cache-Control"]
    with translation.override(language):
        heading = translation.gettext(HEADING)
        home = translation.gettext("Go to the home page")
    assert f'<html lang="{language}">' in content
    assert heading in content and home in content
    if language != "en":
        assert heading != HEADING, f"{HEADING!r} is not translated into {language}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_registration_form_answers_503_in_the_visitors_language_while_the_database_is_down(
    client, open_edition, language, caplog
):
    path = register_path(open_edition, language)
    with database_down(), caplog.at_level(logging.ERROR):
        response = client.get(path)
    assert_unavailable_page(
        response.status_code, response.headers, response.content.decode(), language
    )
    logged = [r for r in caplog.records if r.name == "conference_site.database_unavailable"]
    assert len(logged) == 1 and isinstance(logged[0].exc_info[1], OperationalError)

    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_a_registration_cut_short_by_the_database_is_not_half_written(
    client, open_edition, monkeypatch
):
    """The database fails after the row is written, while the email is queued: all rolled back."""

    def fail(kind, registration):
        assert Registration.objects.filter(pk=registration.pk).exists()
        raise OperationalError("server closed the connection unexpectedly (simulated)")

    with monkeypatch.context() as patch:
        patch.setattr("attendees.emails.send", fail)
        response = client.post(register_path(open_edition), registration_form())
    assert response.status_code == 503
    assert not Registration.objects.exists()
    assert not Email.objects.exists()

    # Sent again once the database is back, it registers.
    response = client.post(register_path(open_edition), registration_form())
    assert response.status_code == 302
    assert Registration.objects.get().email == "ada@example.org"
    assert Email.objects.get().to == ["ada@example.org"]


@pytest.mark.django_db
def test_a_database_error_outside_the_view_answers_503_too(client, open_edition, monkeypatch):
    """Saving the session happens in a middleware after the view: handler500 makes it a 503."""

    def fail(self, must_create=False):
        raise OperationalError("the database system is shutting down (simulated)")

    monkeypatch.setattr(SessionStore, "save", fail)
    client.raise_request_exception = False
    response = client.post(register_path(open_edition, "zh-hans"), registration_form())
    assert_unavailable_page(
        response.status_code, response.headers, response.content.decode(), "zh-hans"
    )


# --- a real PostgreSQL connection breaking ------------------------------------------------------


def serve(path):
    """One GET through Django's WSGI handler, with the request signals gunicorn's requests send."""
    environ = RequestFactory().get(path).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    result = WSGIHandler()(environ, start_response)
    try:
        content = b"".join(result).decode()
    finally:
        result.close()  # request_finished: Django discards a connection that failed
    return started["status"], started["headers"], content


def terminate(pid):
    """Kill a PostgreSQL backend from another connection, as a restart or an operator would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        (done,) = admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()
    assert done


def backend_pid():
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.postgres
@pytest.mark.drill
@pytest.mark.django_db(transaction=True)
def test_a_database_server_refusing_connections_gives_503_then_200_once_back(
    open_edition, monkeypatch, language
):
    path = register_path(open_edition, language)
    connection.close()
    with monkeypatch.context() as patch:
        patch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        patch.setitem(connection.settings_dict, "PORT", closed_port())
        status, headers, content = serve(path)
    assert_unavailable_page(status, headers, content, language)

    status, _, _ = serve(path)
    assert status == 200


@pytest.mark.postgres
@pytest.mark.drill
@pytest.mark.django_db(transaction=True)
def test_a_backend_terminated_during_a_request_gives_503_and_the_next_request_200(
    open_edition, monkeypatch
):
    path = register_path(open_edition)
    real = queries.published_edition

    def terminated_first(year):
        # A first query, so the connection is in use (and, kept between requests, has passed
        # its health check) when the server kills it: the query after that must fail.
        Edition.objects.exists()
        terminate(backend_pid())
        return real(year)

    with monkeypatch.context() as patch:
        patch.setattr("events.queries.published_edition", terminated_first)
        status, headers, content = serve(path)
    assert_unavailable_page(status, headers, content, "en")

    status, _, _ = serve(path)
    assert status == 200


@pytest.mark.postgres
@pytest.mark.drill
@pytest.mark.django_db(transaction=True)
def test_a_persistent_connection_killed_between_requests_is_replaced_without_an_error(
    open_edition, monkeypatch
):
    """CONN_HEALTH_CHECKS: a kept connection is checked before the first query of a request."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    connection.close()
    path = register_path(open_edition)
    assert serve(path)[0] == 200
    killed = connection.connection.info.backend_pid

    terminate(killed)

    assert serve(path)[0] == 200
    assert backend_pid() != killed
