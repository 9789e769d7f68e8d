"""Drill: restart PostgreSQL under load; the site answers 503 meanwhile, never 500, and recovers.

Runs the site under gunicorn (2 workers, DEBUG off) against a scratch PostgreSQL database with
the demo conference, drives registrations (form, then POST with a fresh email) and page views
from threads, restarts the PostgreSQL cluster in the middle, then reports every answer by status
and checks that:

- no answer was a 500;
- the site answered 200 again within --recovery-limit seconds after PostgreSQL was back;
- every registration acknowledged to its client (redirect to "check your email") is in the
  database with its confirmation email in the outbox;
- every registration answered 503 is either absent or complete (never half-written).

Not part of the test suite: it restarts the PostgreSQL server, disconnecting every client.
Run it on a test machine, as root or the postgres user (docs/operations.md, "Faults and drills"):

    .venv/bin/python scripts/drill_database_restart.py
    .venv/bin/python scripts/drill_database_restart.py --database-url postgres://postgres@127.0.0.1:5432/drill_restart
"""

import argparse
import http.cookiejar
import itertools
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2022
PAGES = ["/", f"/{YEAR}/", f"/{YEAR}/program/", f"/{YEAR}/speakers/", "/zh-hans/", "/news/"]
ACKNOWLEDGED = "/register/check-your-email/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/drill_restart"),
    )
    parser.add_argument("--registering", type=int, default=3, help="threads registering")
    parser.add_argument("--browsing", type=int, default=2, help="threads viewing pages")
    parser.add_argument("--before", type=float, default=10, help="seconds of load before")
    parser.add_argument("--after", type=float, default=20, help="seconds of load after")
    parser.add_argument("--recovery-limit", type=float, default=10, help="seconds")
    parser.add_argument(
        "--conn-max-age",
        default="60",
        help="CONN_MAX_AGE for the site: kept connections die in the restart (0: one per request)",
    )
    return parser.parse_args()


# --- the database and the site -----------------------------------------------------------------


def connection_params(url: str) -> dict:
    parts = urllib.parse.urlsplit(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or "") or None,
        "dbname": parts.path.lstrip("/"),
    }


def ensure_database(params: dict) -> None:
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [params["dbname"]]
        ).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(params["dbname"])))


def site_environment(args) -> dict:
    """What `make serve` sets, plus the scratch database and limits a drill needs."""
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CONN_MAX_AGE": args.conn_max_age,
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "off",
        "SESSION_COOKIE_SECURE": "off",
        "CSRF_COOKIE_SECURE": "off",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "off",
        "RATE_LIMIT_REGISTER": "100000/h",
        "RATE_LIMIT_RESEND_LINK": "100000/h",
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "ERROR",
    }


def manage(env: dict, *command: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("w") as output:
        server = subprocess.Popen(
            [gunicorn, "conference_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if fetch(urllib.request.build_opener(), f"http://127.0.0.1:{port}/healthz/")[0] == 200:
            return server
        time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not answer within 30 s; see {log}")


def restart_postgres() -> str:
    version = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
    restarted = subprocess.run([*command, "restart"], capture_output=True, text=True)
    if restarted.returncode:
        # Never leave the server down: others use it.
        subprocess.run([*command, "start"], capture_output=True)
        sys.exit(f"pg_ctlcluster restart failed:\n{restarted.stdout}{restarted.stderr}")
    return version


# --- the clients -------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer we record


def fetch(opener, url: str, data: dict | None = None) -> tuple[int | str, str, str]:
    """(status or "error", Location, body) of one request; never raises."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=30) as response:
            return response.status, "", response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()
    except (OSError, urllib.error.URLError):
        return "error", "", ""


class Load:
    """Threads that register and browse until stopped, recording each answer."""

    def __init__(self, base: str, run: str):
        self.base = base
        self.run = run
        self.stop = threading.Event()
        self.answers: list[tuple[float, str, int | str]] = []  # (time, what, status)
        self.posted: dict[str, int | str] = {}  # email -> status of its POST

    def _record(self, what: str, status) -> None:
        self.answers.append((time.monotonic(), what, status))

    def register(self, worker: int) -> None:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        url = f"{self.base}/{YEAR}/register/"
        for n in itertools.count():
            if self.stop.is_set():
                return
            status, _, page = fetch(opener, url)
            self._record("registration form (GET)", status)
            token = CSRF_INPUT.search(page) if status == 200 else None
            if token is None:
                time.sleep(0.2)
                continue
            email = f"drill-{self.run}-{worker}-{n}@example.org"
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Drill Attendee {worker}-{n}",
                "email": email,
                "organization": "Northeastern University",
                "organization_type": "university",
                "country": "CN",
                "category": "expert",
                "mode": "online",
                "privacy_consent": "on",
            }
            status, location, _ = fetch(opener, url, form)
            if status == 302 and not location.endswith(ACKNOWLEDGED):
                status = f"302 to {location}"
            self.posted[email] = status
            self._record("registration (POST)", status)

    def browse(self, worker: int) -> None:
        opener = urllib.request.build_opener(_NoRedirect())
        for path in itertools.cycle(PAGES[worker % len(PAGES) :] + PAGES[: worker % len(PAGES)]):
            if self.stop.is_set():
                return
            self._record("pages (GET)", fetch(opener, self.base + path)[0])
            time.sleep(0.05)


# --- the report --------------------------------------------------------------------------------


def status_table(answers) -> list[str]:
    columns = [200, 302, 400, 503, 500, "other"]
    counts: dict[str, Counter] = {}
    for _, what, status in answers:
        counts.setdefault(what, Counter())[status if status in columns else "other"] += 1
    lines = [f"{'answers':<26}" + "".join(f"{c:>8}" for c in columns) + f"{'total':>8}"]
    for what, counter in counts.items():
        cells = "".join(f"{counter[c]:>8}" for c in columns)
        lines.append(f"  {what:<24}{cells}{sum(counter.values()):>8}")
    return lines


def recovery_seconds(answers, back_at: float) -> float | None:
    """Seconds from PostgreSQL being back until every kind of request had succeeded again."""
    firsts = {}
    for at, what, status in sorted(answers):
        if at >= back_at and status in (200, 302) and what not in firsts:
            firsts[what] = at - back_at
    kinds = {what for _, what, _ in answers}
    return max(firsts.values()) if firsts and set(firsts) == kinds else None


def check_registrations(params: dict, posted: dict) -> tuple[list[str], list[str]]:
    """(report lines, failures) comparing what clients were told with what the database holds."""
    with psycopg.connect(**params) as db:
        # email -> how many messages the outbox holds for it (exactly one: its confirmation)
        stored = dict(
            db.execute(
                """SELECT r.email, (SELECT count(*) FROM post_office_email e WHERE e."to" = r.email)
                   FROM attendees_registration r WHERE r.email = ANY(%s)""",
                [list(posted)],
            ).fetchall()
        )
    acknowledged = [e for e, status in posted.items() if status == 302]
    unavailable = [e for e, status in posted.items() if status == 503]
    missing = [e for e in acknowledged if e not in stored]
    half_written = [e for e, outbox in stored.items() if outbox != 1]
    complete_503 = [e for e in unavailable if e in stored and stored[e] == 1]
    lines = [
        f"registrations acknowledged: {len(acknowledged)}; in the database with their email: "
        f"{len(acknowledged) - len(missing)}",
        f"registrations answered 503: {len(unavailable)}; not written: "
        f"{len([e for e in unavailable if e not in stored])}, written complete: "
        f"{len(complete_503)}",
        f"registrations half-written (no or several confirmation emails): {len(half_written)}",
    ]
    failures = [f"acknowledged but missing: {e}" for e in missing]
    failures += [f"half-written: {e}" for e in half_written]
    return lines, failures


def main() -> None:
    args = arguments()
    params = connection_params(args.database_url)
    env = site_environment(args)
    ensure_database(params)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--open-registration")

    port = free_port()
    log = Path(tempfile.gettempdir()) / f"drill-gunicorn-{port}.log"
    server = start_gunicorn(env, port, log)
    load = Load(f"http://127.0.0.1:{port}", run=secrets.token_hex(3))
    threads = [
        threading.Thread(target=load.register, args=(n,)) for n in range(args.registering)
    ] + [threading.Thread(target=load.browse, args=(n,)) for n in range(args.browsing)]
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        restart_at = time.monotonic()
        version = restart_postgres()
        back_at = time.monotonic()
        time.sleep(args.after)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join()
        server.terminate()
        server.wait(timeout=30)

    print(
        f"gunicorn (2 workers, CONN_MAX_AGE={args.conn_max_age}) on PostgreSQL {version}, "
        f"{len(threads)} client threads; restart began at +{restart_at - started:.1f} s and "
        f"PostgreSQL was back {back_at - restart_at:.1f} s later; load ran "
        f"{time.monotonic() - started:.1f} s"
    )
    print("\n".join(status_table(load.answers)))
    failures = []
    server_errors = sum(1 for _, _, status in load.answers if status == 500)
    if server_errors:
        failures.append(f"{server_errors} answers were 500 (see {log})")
    recovered = recovery_seconds(load.answers, back_at)
    if recovered is None or recovered > args.recovery_limit:
        failures.append(f"no 200 for every kind of request within {args.recovery_limit} s")
    else:
        print(
            f"every kind of request succeeded again {recovered:.2f} s after PostgreSQL was back "
            f"(limit {args.recovery_limit:.0f} s)"
        )
    lines, registration_failures = check_registrations(params, load.posted)
    print("\n".join(lines))
    failures += registration_failures
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
