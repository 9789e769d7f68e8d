"""Where the benchmark keeps its data and the environment each of its processes runs with."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
# The synthetic edition every benchmark reads (the demo's editions are 2019 and 2022).
YEAR = int(os.environ.get("BENCH_YEAR", "2030"))
SIZES = ("normal", "large")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# Read once: a benchmark process may later put a size's own DATABASE_URL into its environment.
BASE_DATABASE_URL = os.environ.get("DATABASE_URL", "")

# As `make serve` runs the site (DEBUG off, plain HTTP on loopback), with the benchmark's own
# URLconf (the floor view) and no mail leaving the machine.
SITE_ENV = {
    "DEBUG": "off",
    # One key for every process of a run (they share sessions and signed links), none stored.
    "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
    "SECURE_SSL_REDIRECT": "off",
    "SESSION_COOKIE_SECURE": "off",
    "CSRF_COOKIE_SECURE": "off",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "ROOT_URLCONF": "bench.urls",
    # In-process, static files come from the finders; bench.load collects them as serve does.
    "STATIC_MANIFEST": "off",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "ERROR",
    "DJANGO_SETTINGS_MODULE": "conference_site.settings",
}


def sizes() -> list[str]:
    wanted = [s.strip() for s in os.environ.get("BENCH_SIZES", ",".join(SIZES)).split(",")]
    unknown = set(wanted) - set(SIZES)
    if unknown or not wanted:
        raise SystemExit(f"BENCH_SIZES: choose among {', '.join(SIZES)} (got {unknown or 'none'})")
    return [s for s in SIZES if s in wanted]


def database_url(size: str) -> str:
    """SQLite files under bench/.data/, or databases bench_<size> beside DATABASE_URL's."""
    if database_label() == "sqlite":
        return f"sqlite:///{DATA / f'{size}.sqlite3'}"
    return urlunsplit(urlsplit(BASE_DATABASE_URL)._replace(path=f"/bench_{size}"))


def database_label() -> str:
    return "postgresql" if BASE_DATABASE_URL.startswith("postgres") else "sqlite"


def results_dir() -> Path:
    """One folder per database, so a PostgreSQL run does not overwrite the SQLite figures."""
    path = DATA / "results" / database_label()
    path.mkdir(parents=True, exist_ok=True)
    return path


def site_env(size: str, *, page_cache: bool, **extra: str) -> dict[str, str]:
    env = {**os.environ, **SITE_ENV, "DATABASE_URL": database_url(size)}
    # In-process, each run has the cache to itself; BENCH_CACHE_URL measures another backend.
    env["CACHE_URL"] = os.environ.get("BENCH_CACHE_URL", "locmemcache://")
    env.update(PAGE_CACHE="on" if page_cache else "off", **extra)
    return env


def redis_reachable(url: str = REDIS_URL) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def manage(*args: str, env: dict[str, str], log: list[str] | None = None) -> str:
    """Run ``manage.py`` with ``env``; the command line is recorded in ``log`` for the report."""
    return python("manage.py", *args, env=env, log=log)


def python(*args: str, env: dict[str, str], log: list[str] | None = None) -> str:
    """Run ``python ARGS`` in the project's root with ``env``; its output, or exit on failure."""
    if log is not None:
        log.append("python " + " ".join(args))
    done = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"python {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def ensure_database(size: str) -> None:
    """Create the PostgreSQL database bench_<size> if it is missing (SQLite creates its file)."""
    url = database_url(size)
    if not url.startswith("postgres"):
        DATA.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
