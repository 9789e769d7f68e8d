"""Drill: kill Redis under load; every public page still answers 200, every registration 302,
nothing answers 500, and the caches come back by themselves when Redis does.

Starts a Redis server of its own on a free loopback port (never the shared one on 6379), and the
site under gunicorn (2 workers, DEBUG off, as `make serve` runs it) with both caches on it
(CACHE_URL on database 0, PAGE_CACHE_URL on database 1), against a scratch database with the demo
conference (registration open) and its prebuilt files (`manage.py build_edition_files`). Reader
threads cycle through the public pages in both languages (home, edition, program, sub-forums, a
sub-forum, a session, speakers, news, program.pdf; and /api/sessions/, sitemap.xml, program.ics,
schedule.json) while registrant threads register (the form for its CSRF token, then a POST with
a new email), and a monitor polls /healthz/ and Redis twice a second.

Three phases: --warm seconds with Redis up, --outage seconds after Redis is killed (SIGKILL),
--recovery seconds after it is started again on the same port (empty, as after a crash). The
report gives, per phase, the answers by status, the readers' p50/p99, the registrations'
outcomes and what /healthz/ said, then what the page cache did after the restart. It fails
(exit status 1) when:

- any answer is a 5xx or no answer at all, or a public page answers anything but 200;
- a registration POST answers anything but 302 to "check your email" or a 4xx;
- /healthz/ did not say "degraded" (with HTTP 200) during the outage, or does not say "ok" at
  the end of the recovery phase;
- the page cache holds no page again after the restart.

Not part of the test suite as such (tests/conference_site/test_redis_drill.py runs a short
version); figures in docs/operations.md, "Redis is stopped":

    .venv/bin/python scripts/drill_redis_outage.py
    .venv/bin/python scripts/drill_redis_outage.py --database-url postgres://postgres@127.0.0.1:5432/drill_redis
"""

import argparse
import http.cookiejar
import itertools
import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

# The other drills' pieces: the scratch database, the site as `make serve` runs it, the client.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from drill_database_restart import (  # noqa: E402
    ACKNOWLEDGED,
    CSRF_INPUT,
    YEAR,
    _NoRedirect,
    connection_params,
    ensure_database,
    fetch,
    free_port,
    manage,
    site_environment,
    start_gunicorn,
)

PHASES = ("warm", "outage", "recovery")
# Answered from the page cache when it works (conference_site/page_cache.py); the whole-edition
# files are served from storage either way.
CACHED_PAGES = [
    "/",
    f"/{YEAR}/",
    f"/{YEAR}/program/",
    f"/{YEAR}/sub-forums/",
    "{sub_forum}",
    "{session}",
    f"/{YEAR}/speakers/",
    "/news/",
]
FILES = [f"/{YEAR}/program.pdf", f"/zh-hans/{YEAR}/program.pdf"]
ONE_LANGUAGE = ["/api/sessions/", "/sitemap.xml", f"/{YEAR}/program.ics", f"/{YEAR}/schedule.json"]
REDIS_START_SECONDS = 10
MONITOR_INTERVAL = 0.5


def arguments(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="the scratch database (default: a new SQLite file in --workdir); "
        "PostgreSQL: postgres://postgres@127.0.0.1:5432/drill_redis, created if missing",
    )
    parser.add_argument("--workdir", help="database file, media, logs (default: a new temp dir)")
    parser.add_argument("--readers", type=int, default=4, help="threads viewing pages")
    parser.add_argument("--registrants", type=int, default=2, help="threads registering")
    parser.add_argument("--warm", type=float, default=15, help="seconds with Redis up")
    parser.add_argument("--outage", type=float, default=20, help="seconds with Redis killed")
    parser.add_argument("--recovery", type=float, default=20, help="seconds after its restart")
    parser.add_argument("--conn-max-age", default="60")
    return parser.parse_args(argv)


# --- Redis -------------------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of the drill's own, killed and started again on the same port."""

    def __init__(self, log: Path):
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def url(self, database: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def client(self, database: int = 0) -> redis.Redis:
        # No retries: redis-py's default (3, with backoff) would make each sample during the
        # outage last seconds.
        return redis.Redis(
            port=self.port,
            db=database,
            socket_timeout=0.5,
            socket_connect_timeout=0.5,
            retry=Retry(NoBackoff(), 0),
        )

    def start(self) -> None:
        # Nothing saved: started again after the kill, it is empty, as after a crash.
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--logfile", str(self.log)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + REDIS_START_SECONDS
        while time.monotonic() < deadline:
            try:
                self.client().ping()
                return
            except redis.RedisError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"redis-server did not answer on port {self.port}; see {self.log}")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Answer:
    at: float  # when the request was sent (time.monotonic())
    kind: str  # "page", "file", "form", "post"
    path: str
    status: int | str
    seconds: float


def get(opener, url: str) -> tuple[int | str, float]:
    """(status or "error", seconds) of a GET whose body may be binary; never raises."""
    started = time.monotonic()
    try:
        with opener.open(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (OSError, urllib.error.URLError):
        status = "error"
    return status, time.monotonic() - started


class Load:
    def __init__(self, base: str, pages: list[tuple[str, str]], readers: int):
        self.base = base
        self.pages = pages  # (kind, path)
        self.readers = readers
        self.run = secrets.token_hex(3)
        self.stop = threading.Event()
        self.answers: list[Answer] = []
        self.health: list[tuple[float, int | str, str]] = []  # (time, HTTP status, "status")
        self.redis_samples: list[tuple[float, dict | None]] = []

    def read(self, worker: int) -> None:
        opener = urllib.request.build_opener(_NoRedirect())
        # Each reader starts elsewhere in the list, so that all pages are asked for at any time.
        offset = worker * len(self.pages) // self.readers
        for kind, path in itertools.cycle(self.pages[offset:] + self.pages[:offset]):
            if self.stop.is_set():
                return
            at = time.monotonic()
            status, seconds = get(opener, self.base + path)
            self.answers.append(Answer(at, kind, path, status, seconds))

    def register(self, worker: int) -> None:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        path = f"/{YEAR}/register/"
        for n in itertools.count():
            if self.stop.is_set():
                return
            at = time.monotonic()
            status, _, page = fetch(opener, self.base + path)
            self.answers.append(Answer(at, "form", path, status, time.monotonic() - at))
            token = CSRF_INPUT.search(page) if status == 200 else None
            if token is None:
                time.sleep(0.2)
                continue
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Drill Attendee {worker}-{n}",
                "email": f"drill-redis-{self.run}-{worker}-{n}@example.org",
                "organization": "Northeastern University",
                "organization_type": "university",
                "country": "CN",
                "category": "expert",
                "mode": "online",
                "privacy_consent": "on",
            }
            at = time.monotonic()
            status, location, _ = fetch(opener, self.base + path, form)
            if status == 302 and not location.endswith(ACKNOWLEDGED):
                status = f"302 to {location}"
            self.answers.append(Answer(at, "post", path, status, time.monotonic() - at))

    def monitor(self, private_redis: PrivateRedis) -> None:
        """/healthz/ and the Redis server's counters, twice a second."""
        opener = urllib.request.build_opener(_NoRedirect())
        while not self.stop.is_set():
            at = time.monotonic()
            status, _, body = fetch(opener, f"{self.base}/healthz/")
            try:
                said = json.loads(body)["status"]
            except (ValueError, KeyError, TypeError):
                said = "?"
            self.health.append((at, status, said))
            self.redis_samples.append((time.monotonic(), redis_counters(private_redis)))
            self.stop.wait(MONITOR_INTERVAL)


def redis_counters(private_redis: PrivateRedis) -> dict | None:
    """Keyspace hits since the server started and page copies held; None while it is down."""
    try:
        client = private_redis.client()
        stats = client.info("stats")
        commands = client.info("commandstats")
        return {
            "hits": stats["keyspace_hits"],
            "exists": commands.get("cmdstat_exists", {}).get("calls", 0),
            "pages": private_redis.client(1).dbsize(),
        }
    except redis.RedisError:
        return None


def discover(base: str) -> dict[str, str]:
    """A sub-forum's and a session's address, from the demo's own pages."""
    opener = urllib.request.build_opener(_NoRedirect())
    found = {}
    for name, listing, pattern in [
        ("sub_forum", f"/{YEAR}/sub-forums/", rf'href="(/{YEAR}/sub-forums/[\w-]+/)"'),
        ("session", f"/{YEAR}/program/", rf'href="(/{YEAR}/sessions/\d+/)"'),
    ]:
        status, _, page = fetch(opener, base + listing)
        match = re.search(pattern, page) if status == 200 else None
        if match is None:
            raise RuntimeError(f"no {name} address found on {listing} ({status})")
        found[name] = match.group(1)
    return found


def page_list(addresses: dict[str, str]) -> list[tuple[str, str]]:
    english = [path.format_map(addresses) for path in CACHED_PAGES]
    pages = [("page", path) for path in english]
    pages += [("page", "/zh-hans" + path) for path in english]
    pages += [("file", path) for path in FILES]
    pages += [("file" if path.startswith(f"/{YEAR}/") else "page", path) for path in ONE_LANGUAGE]
    return pages


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Timeline:
    started: float = 0.0
    killed: float = 0.0
    back: float = 0.0  # the new Redis answered
    ended: float = 0.0

    def phase(self, at: float) -> str:
        return "warm" if at < self.killed else "outage" if at < self.back else "recovery"


@dataclass
class Result:
    database: str
    pages: list[tuple[str, str]]
    timeline: Timeline
    answers: list[Answer]
    health: list[tuple[float, int | str, str]]
    redis_samples: list[tuple[float, dict | None]]
    warnings: dict[str, int]
    workdir: Path
    failures: list[str] = field(default_factory=list)

    def in_phase(self, phase: str, kinds=("page", "file", "form", "post")) -> list[Answer]:
        return [a for a in self.answers if a.kind in kinds and self.timeline.phase(a.at) == phase]


def prepare(env: dict, database_url: str) -> None:
    if database_url.startswith("postgres"):
        ensure_database(connection_params(database_url))
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--open-registration")
    manage(env, "build_edition_files", "-v", "0")


def run(args) -> Result:
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="drill-redis-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    args.database_url = database_url
    private_redis = PrivateRedis(workdir / "redis.log")
    private_redis.start()
    env = {
        **site_environment(args),
        "CACHE_URL": private_redis.url(0),
        "PAGE_CACHE_URL": private_redis.url(1),
        "PAGE_CACHE": "on",
        "MEDIA_ROOT": str(workdir / "media"),
        # The cache's warnings (conference_site/cache.py) are what the drill counts in the log.
        "LOG_LEVEL": "WARNING",
    }
    server = None
    load = None
    threads: list[threading.Thread] = []
    timeline = Timeline()
    log = workdir / "gunicorn.log"
    try:
        prepare(env, database_url)
        port = free_port()
        server = start_gunicorn(env, port, log)
        base = f"http://127.0.0.1:{port}"
        pages = page_list(discover(base))
        # Each page once, so that the warm phase measures a warm page cache.
        opener = urllib.request.build_opener(_NoRedirect())
        for _kind, path in pages:
            get(opener, base + path)
        load = Load(base, pages, args.readers)
        threads = [threading.Thread(target=load.read, args=(n,)) for n in range(args.readers)]
        threads += [
            threading.Thread(target=load.register, args=(n,)) for n in range(args.registrants)
        ]
        threads.append(threading.Thread(target=load.monitor, args=(private_redis,)))
        timeline.started = time.monotonic()
        load.redis_samples.append((timeline.started, redis_counters(private_redis)))
        for thread in threads:
            thread.start()
        time.sleep(args.warm)
        load.redis_samples.append((time.monotonic(), redis_counters(private_redis)))
        timeline.killed = time.monotonic()
        private_redis.kill()
        time.sleep(args.outage)
        private_redis.start()
        timeline.back = time.monotonic()
        # Its counters start from nothing.
        load.redis_samples.append((timeline.back, redis_counters(private_redis)))
        time.sleep(args.recovery)
        load.redis_samples.append((time.monotonic(), redis_counters(private_redis)))
    finally:
        if load is not None:
            load.stop.set()
        for thread in threads:
            thread.join()
        timeline.ended = time.monotonic()
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        private_redis.kill()

    text = log.read_text(errors="replace")
    warnings = {
        "unavailable": len(re.findall(r"Cache at \S+ unavailable", text)),
        "back": len(re.findall(r"Cache at \S+ is back", text)),
    }
    result = Result(
        database="PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        pages=pages,
        timeline=timeline,
        answers=load.answers,
        health=load.health,
        redis_samples=sorted(load.redis_samples, key=lambda sample: sample[0]),
        warnings=warnings,
        workdir=workdir,
    )
    result.failures = check(result)
    return result


# --- the verdict and the report ----------------------------------------------------------------


def check(result: Result) -> list[str]:
    failures = []
    broken = [a for a in result.answers if a.status == "error" or str(a.status).startswith("5")]
    if broken:
        failures.append(
            f"{len(broken)} answers were 5xx or none: {dict(Counter(a.status for a in broken))}"
        )
    not_200 = [a for a in result.answers if a.kind != "post" and a.status != 200]
    if not_200:
        shown = Counter((a.path, a.status) for a in not_200).most_common(5)
        failures.append(f"{len(not_200)} public pages did not answer 200: {shown}")
    posts = [a for a in result.answers if a.kind == "post"]
    refused = [a for a in posts if not (a.status == 302 or 400 <= _code(a.status) < 500)]
    if refused:
        failures.append(f"registrations answered {dict(Counter(a.status for a in refused))}")
    if not posts:
        failures.append("no registration was posted")
    timeline = result.timeline
    outage = [(code, said) for at, code, said in result.health if timeline.phase(at) == "outage"]
    if (200, "degraded") not in outage:
        failures.append(f"/healthz/ never said degraded with HTTP 200 during the outage: {outage}")
    if any(code != 200 for code, _ in outage):
        failures.append(f"/healthz/ answered {Counter(outage)} during the outage")
    if not result.health or result.health[-1][1:] != (200, "ok"):
        failures.append(f"/healthz/ did not say ok at the end: {result.health[-1:]}")
    after = [sample for at, sample in result.redis_samples if at >= timeline.back and sample]
    if not after or after[-1]["pages"] == 0:
        failures.append("the page cache held no page after Redis came back")
    return failures


def _code(status) -> int:
    return status if isinstance(status, int) else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def milliseconds(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.0f}" if values else "-"


def page_cache_hits(result: Result, phase: str) -> tuple[int, int] | None:
    """(at least how many page reads the page cache answered in ``phase``, page reads).

    The Redis server counts every lookup that found its key, from its start; besides the page
    cache's reads, those are the two reads of each /healthz/ check and the EXISTS with which
    Django's Redis cache increments a rate limit's counter: subtracting every such check and
    every EXISTS Redis ran gives a lower bound."""
    timeline = result.timeline
    since = timeline.started if phase == "warm" else timeline.back
    until = timeline.killed if phase == "warm" else timeline.ended
    samples = [(at, s) for at, s in result.redis_samples if since <= at <= until and s]
    if phase == "outage" or len(samples) < 2:
        return None
    (first_at, first), (last_at, last) = samples[0], samples[-1]
    checks = sum(1 for at, _, _ in result.health if first_at <= at <= last_at)
    exists = last["exists"] - first["exists"]
    reads = sum(1 for a in result.answers if a.kind == "page" and first_at <= a.at <= last_at)
    return max(0, last["hits"] - first["hits"] - 2 * checks - exists), reads


def report(result: Result) -> list[str]:
    timeline = result.timeline
    durations = {
        "warm": timeline.killed - timeline.started,
        "outage": timeline.back - timeline.killed,
        "recovery": timeline.ended - timeline.back,
    }
    lines = [
        f"gunicorn (2 workers, DEBUG off) on {result.database}, both caches on a private Redis; "
        f"{len(result.pages)} public addresses; work files in {result.workdir}",
        "",
        f"{'phase':<10}{'s':>5}{'requests':>10}{'200':>7}{'302':>6}{'4xx':>6}{'5xx':>6}"
        f"{'none':>6}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}{'cached p50':>11}",
    ]
    for phase in PHASES:
        answers = result.in_phase(phase)
        codes = Counter(a.status for a in answers)
        reads = [a.seconds for a in answers if a.kind in ("page", "file")]
        cached = [a.seconds for a in answers if a.kind == "page"]
        lines.append(
            f"{phase:<10}{durations[phase]:>5.1f}{len(answers):>10}{codes[200]:>7}{codes[302]:>6}"
            f"{sum(n for c, n in codes.items() if 400 <= _code(c) < 500):>6}"
            f"{sum(n for c, n in codes.items() if 500 <= _code(c) < 600):>6}"
            f"{codes['error']:>6}{milliseconds(reads, 0.5):>8}{milliseconds(reads, 0.99):>8}"
            f"{milliseconds(reads, 1):>8}"
            f"{milliseconds(cached, 0.5):>11}"
        )
    lines.append("")
    for phase in PHASES:
        posts = result.in_phase(phase, kinds=("post",))
        outcomes = dict(Counter(a.status for a in posts))
        post_times = [a.seconds for a in posts]
        health = Counter(
            f"{code} {said}" for at, code, said in result.health if timeline.phase(at) == phase
        )
        lines.append(
            f"{phase:<10}registration POSTs {outcomes} (p50 {milliseconds(post_times, 0.5)} ms, "
            f"p99 {milliseconds(post_times, 0.99)} ms); /healthz/ {dict(health)}"
        )
    after = [(at, said) for at, code, said in result.health if at >= timeline.back]
    first_ok = next((at - timeline.back for at, said in after if said == "ok"), None)
    last_not_ok = max((at - timeline.back for at, said in after if said != "ok"), default=None)
    lines.append(
        "/healthz/ after the restart: first ok "
        + (f"{first_ok:.1f} s" if first_ok is not None else "never")
        + ", last not ok "
        + (f"{last_not_ok:.1f} s" if last_not_ok is not None else "none")
        + " after Redis answered"
    )
    before = [s for at, s in result.redis_samples if at < timeline.killed and s]
    after_samples = [s for at, s in result.redis_samples if at >= timeline.back and s]
    if before and after_samples:
        lines.append(
            f"page copies in Redis: {before[-1]['pages']} before the kill, "
            f"{after_samples[0]['pages']} at the first sample after the restart, "
            f"{after_samples[-1]['pages']} at the end"
        )
    for phase in ("warm", "recovery"):
        hits = page_cache_hits(result, phase)
        if hits is not None:
            lines.append(
                f"{phase:<10}the page cache answered at least {hits[0]} of {hits[1]} page reads "
                f"({hits[0] / max(1, hits[1]):.0%})"
            )
    lines.append(
        f"gunicorn log: {result.warnings['unavailable']} 'unavailable' and "
        f"{result.warnings['back']} 'is back' cache warnings"
    )
    return lines


def main() -> None:
    result = run(arguments())
    print("\n".join(report(result)))
    if result.failures:
        print("FAILED:\n  " + "\n  ".join(result.failures))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
