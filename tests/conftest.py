import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.utils import translation

from tests.factories import EditionFactory

IN_CI = os.environ.get("CI") == "true"


def cannot_run(reason: str):
    """Skip locally; under CI a test that cannot run is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(f"CI=true and this test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _require_postgres(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        cannot_run("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture
def edition(db):
    """A published current edition, 22–23 November."""
    return EditionFactory(is_current=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: rate-limit counters and pages never carry over."""
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request to a Chinese page leaves Chinese active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def page_cache_off(settings):
    """Query counts measure the page itself: the page cache adds its own reads on a miss."""
    settings.PAGE_CACHE = False


@pytest.fixture
def media_root(settings, tmp_path):
    """Files written to the default storage (uploads, prebuilt program files) go to a
    temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tasks_run_at_once(settings, media_root):
    """Enqueued tasks run inside the call that enqueues them, as no worker runs in a test: a
    whole-edition file (program.pdf, program.ics, ...) missing or stale is built by the request
    that asks for it."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }


@pytest.fixture
def run_tasks(monkeypatch):
    """Run every task that is due, as `manage.py db_worker` does, until none is left.

    The tasks a task enqueues run too when they are due at once (a promotion's emails); a retry
    enqueued for later waits for a later call (move the clock with ``time_machine``). A task that
    fails is a failure of the test, with its traceback.
    """
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops connections that are not in autocommit mode, as a test's transaction is.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        db_worker.Worker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
        ).run()
        failed = DBTaskResult.objects.failed()
        assert not failed.exists(), "\n".join(result.traceback for result in failed)

    return run
