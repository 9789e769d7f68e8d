import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.utils import translation
from hypothesis import is_hypothesis_test

from tests.factories import EditionFactory

IN_CI = os.environ.get("CI") == "true"

# pytest-xdist names its workers gw0, gw1, ...; a run without it is one process, "master".
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "master")
# Redis databases the tests may use, one per worker: a test empties its worker's database, never
# the server, and two workers never share one (the developer's own data is in databases 0-7).
REDIS_TEST_DATABASES = range(15, 7, -1)
# Another server for checkouts whose suites run at the same time (TEST_REDIS_SERVER=redis://127.0.0.1:6390).
TEST_REDIS_SERVER = os.environ.get("TEST_REDIS_SERVER", "redis://127.0.0.1:6379").rstrip("/")


def redis_test_url() -> str:
    """The Redis database of this test process (redis://127.0.0.1:6379/N), for its tests alone."""
    index = int(WORKER.removeprefix("gw")) if WORKER != "master" else 0
    if index >= len(REDIS_TEST_DATABASES):
        pytest.fail(
            f"{WORKER}: Redis has databases for {len(REDIS_TEST_DATABASES)} test workers only",
            pytrace=False,
        )
    return f"{TEST_REDIS_SERVER}/{REDIS_TEST_DATABASES[index]}"


def cannot_run(reason: str):
    """Skip locally; under CI a test that cannot run is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(f"CI=true and this test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        # Every property-based test is a fuzzer, whoever writes the next one (make test-fast).
        if is_hypothesis_test(getattr(item, "obj", None)):
            item.add_marker(pytest.mark.fuzz)
        # schemathesis names its test of each API operation "test_…[GET /api/…]" but, under
        # pytest 9, leaves the same node id to all of them; pytest-xdist schedules by node id
        # and would run only one.
        node_id = getattr(item, "_id", None)
        if node_id is not None and node_id.params is None and "[" in item.name:
            item._id = node_id.with_params(item.name.partition("[")[2].removesuffix("]"))
    seen = set()
    twice = {item.nodeid for item in items if item.nodeid in seen or seen.add(item.nodeid)}
    if twice:
        raise pytest.UsageError(f"tests with the same node id, pytest-xdist would lose: {twice}")


@pytest.fixture(autouse=True, scope="session")
def _media_root_per_worker(tmp_path_factory):
    """Uploads go to this process's own folder: never the checkout's media/, never a neighbour's."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


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
