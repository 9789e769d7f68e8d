"""/healthz/ tells a load balancer whether the site can serve, and people what it lacks."""

from unittest import mock

import pytest
import time_machine
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from conference_site import health

pytestmark = pytest.mark.django_db


def test_a_healthy_site_says_ok_for_each_dependency(client):
    answer = client.get("/healthz/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache:default", "cache:pages", "task_queue"}
    assert all(check["status"] == "ok" for check in body["checks"].values())


def test_a_site_without_its_database_answers_503(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch.object(health, "connection", broken):
        answer = client.get("/healthz/")
    assert answer.status_code == 503
    assert answer.json()["status"] == "unavailable"
    assert answer.json()["checks"]["database"]["status"] == "unavailable"


def test_a_task_queue_that_cannot_be_read_is_degraded_not_down(client):
    with mock.patch.object(
        DBTaskResult.objects, "ready", side_effect=OperationalError("no such table")
    ):
        answer = client.get("/healthz/")
    assert answer.status_code == 200
    assert answer.json()["status"] == "degraded"
    assert answer.json()["checks"]["task_queue"]["status"] == "degraded"


def test_the_task_backlog_is_reported(client):
    DBTaskResult.objects.all().delete()  # what setting up the test's data queued
    with time_machine.travel("2026-05-01 10:00:00Z", tick=False):
        DBTaskResult.objects.create(
            task_path="attendees.tasks.deliver_email",
            queue_name="email",
            backend_name="default",
            args_kwargs={"args": [1], "kwargs": {}},
        )
    with time_machine.travel("2026-05-01 10:02:00Z", tick=False):
        answer = client.get("/healthz/")
    queue = answer.json()["checks"]["task_queue"]
    assert queue["status"] == "ok"
    assert queue["ready"] == 1
    assert queue["oldest_ready_seconds"] == 120


def test_healthz_is_never_cached_nor_redirected_to_https(client, settings):
    # The proxy's health checks come over plain HTTP (settings.SECURE_REDIRECT_EXEMPT).
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    for _ in range(2):
        answer = client.get("/healthz/")
        assert answer.status_code == 200
        assert "no-cache" in answer["Cache-Control"] and "public" not in answer["Cache-Control"]
