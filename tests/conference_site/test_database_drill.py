"""The PostgreSQL restart drill restarts the server its URL names, and refuses any other.

The machine's shared PostgreSQL (DATABASE_URL, port 5432) is never restarted here: the tests
that restart something start a throwaway cluster of their own under /tmp on a free port, and
check that the shared server's start time did not change.
"""

import importlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import cannot_run

pytestmark = pytest.mark.drill

PG_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture
def drill(monkeypatch):
    sys.path.insert(0, str(settings.BASE_DIR / "scripts"))
    try:
        yield importlib.import_module("drill_database_restart")
    finally:
        sys.path.remove(str(settings.BASE_DIR / "scripts"))


@pytest.fixture
def nothing_runs(monkeypatch):
    """Any command the drill would run (a restart) fails the test instead."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"the drill ran a command: {args}")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def params(port, dbname="postgres"):
    return {
        "host": "127.0.0.1",
        "port": port,
        "user": "postgres",
        "password": None,
        "dbname": dbname,
    }


@pytest.fixture
def private_cluster():
    """A PostgreSQL server of the test's own: initdb as postgres under /tmp, on a free port."""
    initdb = PG_BIN / "initdb"
    if os.geteuid() != 0 or not initdb.exists() or shutil.which("runuser") is None:
        cannot_run(f"needs root and {initdb} to create a throwaway cluster")
    directory = Path(tempfile.mkdtemp(prefix="drill-cluster-", dir="/tmp"))
    shutil.chown(directory, "postgres", "postgres")
    data = directory / "data"
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, initdb, "-D", data, "--auth=trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_postgres, PG_BIN / "pg_ctl", "-D", data, "-l", directory / "log"]
    subprocess.run([*pg_ctl, "-o", options, "-w", "start"], check=True, capture_output=True)
    try:
        yield params(port)
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)
        # where the drill's restart sent the server's log
        (Path(tempfile.gettempdir()) / f"drill-postgres-{port}.log").unlink(missing_ok=True)


def started(server):
    with psycopg.connect(**server, connect_timeout=5) as db:
        return db.execute("SELECT pg_postmaster_start_time()").fetchone()[0]


def shared_server():
    """The suite's own PostgreSQL, when the suite runs on one: it must never be restarted."""
    if connection.vendor != "postgresql":
        return None
    settings_dict = connection.settings_dict
    return {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": int(settings_dict["PORT"] or 5432),
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
    }


def test_the_drill_restarts_its_own_server_and_no_other(drill, private_cluster):
    shared = shared_server()
    shared_started = started(shared) if shared else None
    server = drill.identify_server(private_cluster)
    assert f"port {private_cluster['port']}" in server.description
    assert "pg_ctl" in server.command[0] and server.user == "postgres"
    before = started(private_cluster)
    drill.restart_postgres(server, private_cluster)
    assert started(private_cluster) > before
    if shared:
        assert started(shared) == shared_started


def test_a_server_on_another_machine_is_refused(drill, nothing_runs):
    with pytest.raises(drill.Refused, match="not this machine"):
        drill.identify_server(params(5432) | {"host": "192.0.2.10"})


def test_a_port_nothing_listens_on_is_refused(drill, nothing_runs):
    with pytest.raises(drill.Refused, match="cannot connect"):
        drill.identify_server(params(free_port()))


class FakeServer:
    """A connection whose server reports the given data directory and port."""

    def __init__(self, data_directory, port):
        self.row = (str(data_directory), port, 150000)

    def __call__(self, *args, **kwargs):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, *args):
        return self

    def fetchone(self):
        return self.row


def test_a_server_whose_data_directory_is_not_here_is_refused(drill, nothing_runs, monkeypatch):
    """e.g. a server in a container, or another machine behind a forwarded local port."""
    monkeypatch.setattr(drill.psycopg, "connect", FakeServer("/nowhere/15/main", 5999))
    with pytest.raises(drill.Refused, match="cannot read /nowhere/15/main/postmaster.pid"):
        drill.identify_server(params(5999))


def test_a_data_directory_of_another_server_is_refused(drill, nothing_runs, monkeypatch, tmp_path):
    """A directory whose postmaster.pid names another port, or a process that has gone."""
    (tmp_path / "postmaster.pid").write_text(
        f"{os.getpid()}\n{tmp_path}\n{int(time.time())}\n5433\n"
    )
    monkeypatch.setattr(drill.psycopg, "connect", FakeServer(tmp_path, 5999))
    with pytest.raises(drill.Refused, match="does not belong to a running server on port 5999"):
        drill.identify_server(params(5999))


def test_a_proxy_in_front_of_the_server_is_refused(drill, nothing_runs, monkeypatch):
    monkeypatch.setattr(drill.psycopg, "connect", FakeServer("/var/lib/postgresql/15/main", 5432))
    with pytest.raises(drill.Refused, match="listening on port 5432"):
        drill.identify_server(params(6432))


def test_the_drill_says_it_refuses_and_restarts_nothing(drill, nothing_runs, capsys):
    with pytest.raises(SystemExit) as refusal:
        drill.main(["--database-url", "postgres://postgres@192.0.2.10:5432/drill_restart"])
    assert "Refusing to run" in str(refusal.value)
    assert "Nothing was restarted" in str(refusal.value)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_server_other_databases_use_is_refused_unless_asked(drill, capsys, monkeypatch):
    """The suite's own connection is another database's client: the shared server is refused."""
    shared = shared_server()
    url = f"postgres://{shared['user']}@{shared['host']}:{shared['port']}/drill_restart"
    connection.ensure_connection()
    with pytest.raises(SystemExit) as refusal:
        drill.main(["--identify-only", "--database-url", url])
    assert "other client(s) are connected" in str(refusal.value)
    assert "Nothing was restarted" in str(refusal.value)
