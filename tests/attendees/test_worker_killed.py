"""A worker killed in the middle of a registration leaves nothing half-written.

A separate process (tests/attendees/stalling_worker.py) runs the real service against this
test's database and stops inside its transaction, after the registration's rows, its outbox
email and the task that sends it are written; this process then kills it with SIGKILL, as the
OOM killer or a `kill -9` of a gunicorn worker would. Nothing of it may remain, and the same
person must be able to do it again at once.

On SQLite the test database lives in memory, which another process cannot open: it is copied
to a file for the worker and back afterwards (SQLite's backup API), and the file's hot journal
left by the killed worker is what rolls its transaction back.
"""

import os
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult
from post_office.models import Email

from attendees import services
from attendees.capacity import Places
from attendees.models import Registration
from attendees.tasks import deliver_email
from tests.factories import OpenEditionFactory, RegistrationFactory, SubForumFactory

# The worker must see this test's rows, so they are committed for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drill]

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "killed.midway@example.org"


class SharedDatabase:
    """The test database as a DATABASE_URL another process can use."""

    def __init__(self, tmp_path: Path):
        self.file = tmp_path / "shared.sqlite3"

    def url(self) -> str:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:
                connection.connection.backup(copy)
            return f"sqlite:///{self.file}"
        auth = quote(settings["USER"] or "", safe="")
        if settings["PASSWORD"]:
            auth += ":" + quote(settings["PASSWORD"], safe="")
        host = settings["HOST"] or "127.0.0.1"
        return f"postgres://{auth}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"

    def take_back(self) -> None:
        """After the worker: on SQLite, read its file (rolled back on opening) into the test's."""
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.file) as copy:
                copy.backup(connection.connection)


def kill_when_paused(database_url: str, *args: str) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.attendees.stalling_worker", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([worker.stdout], [], [], 60)
        line = worker.stdout.readline().strip() if ready else "(no answer in 60 s)"
        assert line == "paused", f"worker: {line}\n{worker.stderr.read() if not ready else ''}"
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        worker.stdout.close()
        worker.stderr.close()


def counters(edition):
    places = Places.count(edition)
    return places.taken, {pk: seats.taken for pk, seats in places.sub_forums.items()}


@pytest.fixture
def shared_database(tmp_path):
    return SharedDatabase(tmp_path)


def mail_tasks():
    # Creating the edition queued a rebuild of its program files: that is not the attendee's.
    return DBTaskResult.objects.filter(task_path=deliver_email.module_path)


def test_a_registration_killed_before_commit_leaves_nothing_and_can_be_made_again(
    shared_database,
):
    edition = OpenEditionFactory(on_site_capacity=10)
    sub_forum = SubForumFactory(edition=edition, capacity=5)
    before = counters(edition)

    kill_when_paused(shared_database.url(), "register", str(edition.pk), EMAIL)
    shared_database.take_back()

    assert not Registration.objects.filter(email=EMAIL).exists()
    assert not Registration.history.filter(email=EMAIL).exists()
    assert not Registration.sub_forums.through.objects.exists()
    assert not Email.objects.exists()
    assert not mail_tasks().exists()
    assert counters(edition) == before

    registration, created = services.register(
        edition=edition,
        details={
            "name": "Killed Midway",
            "email": EMAIL,
            "organization": "Northeastern University",
            "organization_type": "university",
            "country": "CN",
            "category": "expert",
            "mode": "on_site",
        },
        sub_forums=[sub_forum],
        language="en",
    )
    assert created
    assert list(registration.sub_forums.all()) == [sub_forum]
    assert list(Email.objects.values_list("to", flat=True)) == [[EMAIL]]
    assert mail_tasks().ready().count() == 1


def test_a_confirmation_killed_before_commit_takes_no_place_and_can_be_made_again(
    shared_database,
):
    edition = OpenEditionFactory(on_site_capacity=10)
    sub_forum = SubForumFactory(edition=edition, capacity=5)
    registration = RegistrationFactory(edition=edition, email=EMAIL)
    registration.sub_forums.set([sub_forum])
    before = counters(edition)

    kill_when_paused(shared_database.url(), "confirm", str(registration.pk))
    shared_database.take_back()

    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED
    assert registration.email_confirmed_at is None
    assert not Email.objects.exists()
    assert not mail_tasks().exists()
    assert counters(edition) == before

    confirmed = services.confirm_email(registration=registration)
    assert confirmed.status == Registration.Status.CONFIRMED
    taken, sub_forum_seats = counters(edition)
    assert taken["on_site"] == before[0]["on_site"] + 1
    assert sub_forum_seats[sub_forum.pk] == before[1][sub_forum.pk] + 1
    assert list(Email.objects.values_list("to", flat=True)) == [[EMAIL]]
    assert mail_tasks().ready().count() == 1
