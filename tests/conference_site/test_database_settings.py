"""PostgreSQL connections start with JIT compilation off, unless POSTGRES_JIT=on says otherwise."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import cannot_run

ROOT = Path(__file__).resolve().parents[2]
SHOW_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def database_options(**env: str) -> dict:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "conference_site.settings",
        "DEBUG": "on",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW_OPTIONS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_turn_jit_off_and_keep_the_urls_own_options():
    url = "postgres://conference@db.example.org/conference"
    assert database_options(DATABASE_URL=url)["options"] == "-c jit=off"
    with_timeout = f"{url}?options=-c%20statement_timeout%3D5000"
    assert (
        database_options(DATABASE_URL=with_timeout)["options"]
        == "-c statement_timeout=5000 -c jit=off"
    )


def test_postgres_jit_on_leaves_the_servers_setting():
    url = "postgres://conference@db.example.org/conference"
    assert "options" not in database_options(DATABASE_URL=url, POSTGRES_JIT="on")


def test_sqlite_gets_no_postgresql_options():
    options = database_options(DATABASE_URL="sqlite:////tmp/jit-test.sqlite3")
    assert "options" not in options


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_sites_connection_has_jit_off():
    if connection.vendor != "postgresql":
        cannot_run("needs PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
