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

It restarts the PostgreSQL server that --database-url names, and only that one, disconnecting
every client of that server; a server it cannot identify as a local one it may restart (another
machine, a proxy, a data directory it cannot read) is refused before anything starts. Give it a
server of its own when others use the machine's (docs/operations.md, "Faults and drills"); run
it as root or as the server's owner:

    .venv/bin/python scripts/drill_database_restart.py --identify-only --database-url postgres://...
    .venv/bin/python scripts/drill_database_restart.py --database-url postgres://postgres@127.0.0.1:5433/drill_restart
"""

import argparse
import dataclasses
import http.cookiejar
import itertools
import os
import re
import secrets
import shutil
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


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/drill_restart"),
    )
    parser.add_argument(
        "--identify-only",
        action="store_true",
        help="say which server the drill would restart, and how, then stop",
    )
    parser.add_argument(
        "--even-if-shared",
        action="store_true",
        help="restart the server even though clients of other databases are connected to it",
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
    return parser.parse_args(argv)


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


# --- which server to restart ------------------------------------------------------------------
# The drill restarts the server that --database-url names and no other: the machine may run other
# clusters that other people use. It identifies that server from inside (its data directory and
# port, as the server itself reports them), checks that this machine runs it (the data directory's
# postmaster.pid names the same port and a live process), and otherwise refuses before any load.


class Refused(Exception):
    """The server the URL names cannot be identified as one this drill may restart."""


@dataclasses.dataclass(frozen=True)
class Server:
    description: str  # e.g. "cluster 15/main (port 5432, /var/lib/postgresql/15/main)"
    command: tuple[str, ...]  # restarts it, run as `user`
    user: str | None  # the data directory's owner when this process is root (pg_ctl refuses root)
    version: str


LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def identify_server(params: dict) -> Server:
    """The local server `params` connect to, and how to restart it; Refused if not certain."""
    host = params["host"]
    if not (host.startswith("/") or host in LOOPBACK or host.startswith("127.")):
        raise Refused(f"{host} is not this machine: the drill only restarts a local server.")
    try:
        with psycopg.connect(**{**params, "dbname": "postgres"}, connect_timeout=5) as db:
            data_directory, port, version_num = db.execute(
                "SELECT current_setting('data_directory'), current_setting('port')::int,"
                " current_setting('server_version_num')::int"
            ).fetchone()
    except psycopg.errors.InsufficientPrivilege:
        raise Refused(
            f"{params['user']} may not read the server's data_directory: connect as a superuser."
        ) from None
    except psycopg.OperationalError as error:
        raise Refused(f"cannot connect to {host}:{params['port']}: {error}") from None
    if port != params["port"]:
        raise Refused(
            f"{host}:{params['port']} leads to a server listening on port {port} (a proxy or a "
            "forwarded port): the drill cannot tell which server that is."
        )
    directory = Path(data_directory)
    pid_file = directory / "postmaster.pid"
    try:
        pid_lines = pid_file.read_text().splitlines()
    except OSError as error:
        raise Refused(
            f"the server reports its data directory as {directory}, but this process cannot read "
            f"{pid_file} ({error.strerror}): it runs elsewhere (another machine or a container), "
            "or the drill needs to run as root or as the directory's owner."
        ) from None
    if len(pid_lines) < 4 or pid_lines[3].strip() != str(port) or not _alive(pid_lines[0]):
        raise Refused(
            f"{pid_file} does not belong to a running server on port {port}: the server at "
            f"{host}:{port} is not the one in {directory}."
        )
    owner = directory.owner()
    user = owner if os.geteuid() == 0 and owner != "root" else None
    major = str(version_num // 10000)
    cluster = _debian_cluster(directory, port)
    where = f"port {port}, {directory}"
    if cluster is not None:
        version, name = cluster
        command = ("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart")
        # pg_ctlcluster switches to the cluster's owner itself.
        return Server(f"cluster {version}/{name} ({where})", command, None, version)
    pg_ctl = Path(f"/usr/lib/postgresql/{major}/bin/pg_ctl")
    if not pg_ctl.exists():
        found = shutil.which("pg_ctl")
        if found is None:
            raise Refused(f"no pg_ctl for PostgreSQL {major} on this machine.")
        pg_ctl = Path(found)
    # The restarted server writes its log there (pg_ctl does not remember the first start's -l),
    # and not to the drill's pipe, which would then never close.
    log = Path(tempfile.gettempdir()) / f"drill-postgres-{port}.log"
    command = (str(pg_ctl), "--pgdata", str(directory), "--log", str(log))
    command += ("--mode", "fast", "--wait", "--timeout", "60", "restart")
    return Server(f"server ({where})", command, user, major)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _debian_cluster(directory: Path, port: int) -> tuple[str, str] | None:
    """(version, name) of the Debian cluster (pg_lsclusters) with this data directory and port."""
    if shutil.which("pg_lsclusters") is None:
        return None
    listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
    for line in listed.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[2] == str(port) and Path(fields[5]) == directory:
            return fields[0], fields[1]
    return None


def other_clients(params: dict) -> int:
    """Sessions of other databases on the server: someone else's work a restart would cut."""
    with psycopg.connect(**{**params, "dbname": "postgres"}, connect_timeout=5) as db:
        return db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
            " AND pid <> pg_backend_pid() AND datname IS DISTINCT FROM %s",
            [params["dbname"]],
        ).fetchone()[0]


def postmaster_started(params: dict):
    with psycopg.connect(**{**params, "dbname": "postgres"}, connect_timeout=5) as db:
        return db.execute("SELECT pg_postmaster_start_time()").fetchone()[0]


def restart_postgres(server: Server, params: dict) -> None:
    """Restart `server`, then check that the URL's server is the one that restarted."""
    before = postmaster_started(params)
    command = list(server.command)
    if server.user:
        command = ["runuser", "-u", server.user, "--", *command]
    restarted = subprocess.run(command, capture_output=True, text=True)
    if restarted.returncode:
        # Never leave the server down: others may use it.
        subprocess.run([*command[:-1], "start"], capture_output=True)
        sys.exit(f"{' '.join(command)} failed:\n{restarted.stdout}{restarted.stderr}")
    deadline = time.monotonic() + 30
    while True:
        try:
            after = postmaster_started(params)
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                sys.exit(f"{server.description} did not accept connections 30 s after restarting")
            time.sleep(0.2)
    if after == before:
        sys.exit(f"{' '.join(command)} did not restart the server the URL names")


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


def main(argv=None) -> None:
    args = arguments(argv)
    params = connection_params(args.database_url)
    try:
        server = identify_server(params)
    except Refused as refusal:
        sys.exit(f"Refusing to run: {refusal} Nothing was restarted.")
    others = other_clients(params)
    if others and not args.even_if_shared:
        sys.exit(
            f"Refusing to run: {others} other client(s) are connected to other databases of "
            f"{server.description}, and the restart would disconnect them. Give the drill a "
            "server of its own, or pass --even-if-shared. Nothing was restarted."
        )
    print(f"will restart {server.description}: {' '.join(server.command)}")
    if args.identify_only:
        return
    env = site_environment(args)
    ensure_database(params)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--open-registration")

    port = free_port()
    log = Path(tempfile.gettempdir()) / f"drill-gunicorn-{port}.log"
    gunicorn = start_gunicorn(env, port, log)
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
        restart_postgres(server, params)
        back_at = time.monotonic()
        time.sleep(args.after)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join()
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    print(
        f"gunicorn (2 workers, CONN_MAX_AGE={args.conn_max_age}) on PostgreSQL {server.version}, "
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
