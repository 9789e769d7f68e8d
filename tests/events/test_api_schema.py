"""The API answers what its OpenAPI document promises: schemathesis generates requests from
the document (valid and invalid ones) and checks every answer against it.

The Django WSGI application runs in-process, so it reads the test's database transaction.
Generation is derandomized and bounded, so the test is the same, and quick, on every run.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from events.api import api
from events.models import Session
from tests.events.test_public_pages import build_conference

# Loaded from the API object rather than over HTTP: at collection time Django's test setup
# (allowed hosts, database) has not run yet. The test below checks that /api/openapi.json
# serves this same document.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


# A well-formed value that names nothing (edition=1999, a day outside the edition) is a 400
# by design, like the program page's filters; schemathesis' positive_data_acceptance check
# expects any schema-valid request to succeed, so it is the one check left out. Every other
# check runs: no server error, documented status codes, content types, headers and bodies,
# invalid input refused, unsupported methods refused.
EXCLUDED_CHECKS = [schemathesis.checks.positive_data_acceptance]


@pytest.fixture
def conference(db, settings):
    # schemathesis calls the application as http://localhost.
    settings.ALLOWED_HOSTS = ["localhost"]
    edition = build_conference(5)
    # Django closes "old" connections around each request; outside its own test client that
    # would close the connection holding the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield edition
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_document_is_the_one_tested(client, db):
    assert client.get("/api/openapi.json").json() == schema.raw_schema


@pytest.mark.fuzz
@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_match_the_openapi_document(case, conference):
    case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)


def test_answers_about_real_objects_match_the_openapi_document(conference):
    """Generated identifiers rarely name a real object; these do, one per endpoint."""
    session = Session.objects.filter(edition=conference, sub_forum__isnull=False).first()
    requests = [
        ("/api/", {}, {}),
        ("/api/editions/", {}, {}),
        ("/api/editions/{year}/", {"year": 2022}, {}),
        ("/api/sub-forums/", {}, {"edition": 2022}),
        ("/api/sessions/", {}, {"edition": 2022, "sub_forum": session.sub_forum.slug}),
        ("/api/sessions/", {}, {"edition": 2022, "day": conference.start_date.isoformat()}),
        ("/api/sessions/{id}/", {"id": session.pk}, {}),
        ("/api/speakers/", {}, {"edition": 2022, "limit": 2, "offset": 1}),
        ("/api/speakers/{slug}/", {"slug": session.speakers.first().slug}, {}),
        ("/api/news/", {}, {}),
        ("/api/news/{slug}/", {"slug": conference.news.first().slug}, {}),
        ("/api/cooperation/", {}, {"edition": 2022, "kind": "offer"}),
    ]
    for path, path_parameters, query in requests:
        case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
        assert response.status_code == 200, (path, response.text)
