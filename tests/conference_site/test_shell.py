"""manage.py from the shell: a development .env makes it work; a missing setting is one line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A bare environment, as a new shell has: none of the settings the test run sets.
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_is_explained_in_one_line_without_a_traceback():
    result = manage("import_schedule", "--help", DEBUG="off", SECRET_KEY="")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY must be set" in lines[0] and "make run" in lines[0]
    assert "Traceback" not in result.stderr


def test_import_schedule_help_works_with_the_development_settings():
    # What the .env `make run` writes provides.
    result = manage("import_schedule", "--help", DEBUG="on")
    assert result.returncode == 0, result.stderr
    assert "--edition" in result.stdout


def test_make_run_writes_a_development_env_once(tmp_path):
    target = tmp_path / ".env"
    subprocess.run([ROOT / "scripts" / "write_dev_env.sh", target], check=True)
    assert "DEBUG=on" in target.read_text().splitlines()
    target.write_text("DEBUG=on\nSECRET_KEY=kept\n")
    subprocess.run([ROOT / "scripts" / "write_dev_env.sh", target], check=True)
    assert "SECRET_KEY=kept" in target.read_text()
