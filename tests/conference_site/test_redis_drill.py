"""The Redis outage drill (scripts/drill_redis_outage.py), short: a few seconds per phase.

The real thing, as the script runs it: gunicorn with 2 workers and DEBUG off, both caches on a
Redis server of the test's own that is killed under load and started again on the same port,
readers and registrants in threads. The scratch database is a SQLite file in the test's own
folder whatever DATABASE_URL says: the fault is Redis's, and a file keeps the test independent
of other workers (pytest-xdist); the full drill runs on PostgreSQL too (docs/operations.md).
"""

import importlib
import shutil
import sys

import pytest
from django.conf import settings

from tests.conftest import cannot_run

pytestmark = pytest.mark.drill


@pytest.fixture
def drill():
    if shutil.which("redis-server") is None:
        cannot_run("redis-server is not installed (apt-get install redis-server)")
    sys.path.insert(0, str(settings.BASE_DIR / "scripts"))
    try:
        yield importlib.import_module("drill_redis_outage")
    finally:
        sys.path.remove(str(settings.BASE_DIR / "scripts"))


def test_with_redis_killed_under_load_every_page_answers_and_the_caches_come_back(drill, tmp_path):
    args = drill.arguments(
        ["--workdir", str(tmp_path), "--readers", "2", "--registrants", "1"]
        + ["--warm", "3", "--outage", "4", "--recovery", "5"]
    )
    result = drill.run(args)
    report = "\n".join(drill.report(result))

    assert result.failures == [], report
    for phase in drill.PHASES:
        pages = result.in_phase(phase, kinds=("page", "file", "form"))
        posts = result.in_phase(phase, kinds=("post",))
        assert pages and {a.status for a in pages} == {200}, (phase, report)
        assert posts and {a.status for a in posts} == {302}, (phase, report)
    timeline = result.timeline
    said = {phase: set() for phase in drill.PHASES}
    for at, status, health in result.health:
        said[timeline.phase(at)].add((status, health))
    assert said["warm"] == {(200, "ok")}, report
    assert (200, "degraded") in said["outage"], report
    assert result.health[-1][1:] == (200, "ok"), report
    # The outage was logged, and so was the return, by the processes that saw them.
    assert result.warnings["unavailable"] >= 1 and result.warnings["back"] >= 1, report
    # After the restart the empty Redis is filled again, and pages are read from it.
    hits, _reads = drill.page_cache_hits(result, "recovery")
    assert hits > 0, report
