"""Drill: a mail server that accepts connections and never answers holds up no registration, and
the mail arrives soon after the server answers again.

Runs the site under gunicorn (2 workers, DEBUG off) against a scratch PostgreSQL database with
the demo conference, with task workers (`manage.py db_worker`) beside it, as in production
(docs/deployment.md). The mail server is a port on the loopback address that accepts every
connection and never says a word. After a round that warms the processes up, rounds of 16
registrations are posted at the same instant while a visitor keeps loading the program; after
--hang seconds the port starts answering as a real SMTP server (aiosmtpd), and the drill waits
for every confirmation email. It checks that:

- the registration POSTs' 99th percentile stays under --p99-limit (500 ms), none is a 500;
- every confirmation email arrives exactly once, the last within --delivery-limit (60 s) of the
  server answering.

Not part of the test suite (it takes a minute or two and measures time); figures in
docs/operations.md. Needs the dev extra (aiosmtpd):

    .venv/bin/python scripts/drill_smtp_hang.py
    .venv/bin/python scripts/drill_smtp_hang.py --database-url postgres://postgres@127.0.0.1:5432/drill_smtp
"""

import argparse
import email
import email.policy
import http.cookiejar
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

# The other drill's pieces: the scratch database, the site as `make serve` runs it, the client.
from drill_database_restart import (
    ACKNOWLEDGED,
    CSRF_INPUT,
    ROOT,
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

PAGE = f"/{YEAR}/program/"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/drill_smtp"),
    )
    parser.add_argument("--concurrent", type=int, default=16, help="registrations at once")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of registrations")
    parser.add_argument("--task-workers", type=int, default=2, help="db_worker processes")
    parser.add_argument("--email-timeout", type=int, default=15, help="EMAIL_TIMEOUT, seconds")
    parser.add_argument(
        "--hang", type=float, default=30, help="seconds the server stays silent after the POSTs"
    )
    parser.add_argument("--p99-limit", type=float, default=0.5, help="seconds")
    parser.add_argument("--delivery-limit", type=float, default=60, help="seconds")
    parser.add_argument("--conn-max-age", default="60")
    return parser.parse_args()


# --- the mail server ---------------------------------------------------------------------------


class SilentServer:
    """Accepts every connection on the port and never reads nor writes, as a hung server does."""

    def __init__(self, port: int):
        self._listener = socket.create_server(("127.0.0.1", port), backlog=128)
        # Woken up regularly: closing a socket does not wake a thread blocked in accept().
        self._listener.settimeout(0.2)
        self._stopped = threading.Event()
        self._held: list[socket.socket] = []
        self.accepted = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._held.append(connection)
            self.accepted += 1

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for connection in self._held:
            connection.close()


class Sink:
    def __init__(self):
        self.received: list[tuple[float, tuple[str, ...], str]] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((time.monotonic(), tuple(envelope.rcpt_tos), str(message["Subject"])))
        return "250 Message accepted for delivery"


# --- the clients -------------------------------------------------------------------------------


def registration_round(base: str, run: str, round_number: int, count: int) -> list[tuple]:
    """``count`` registrations posted at the same instant: [(email, status, seconds)]."""
    url = f"{base}/{YEAR}/register/"
    barrier = threading.Barrier(count)
    results: list[tuple] = [None] * count

    def register(n: int) -> None:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        status, _, page = fetch(opener, url)
        token = CSRF_INPUT.search(page) if status == 200 else None
        address = f"drill-{run}-{round_number}-{n}@example.org"
        form = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "name": f"Drill Attendee {round_number}-{n}",
            "email": address,
            "organization": "Northeastern University",
            "organization_type": "university",
            "country": "CN",
            "category": "expert",
            "mode": "online",
            "privacy_consent": "on",
        }
        barrier.wait()
        started = time.monotonic()
        status, location, _ = fetch(opener, url, form)
        elapsed = time.monotonic() - started
        if status == 302 and not location.endswith(ACKNOWLEDGED):
            status = f"302 to {location}"
        results[n] = (address, status, elapsed)

    threads = [threading.Thread(target=register, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def browse(base: str, stop: threading.Event, timings: list[float]) -> None:
    opener = urllib.request.build_opener(_NoRedirect())
    while not stop.is_set():
        started = time.monotonic()
        fetch(opener, base + PAGE)
        timings.append(time.monotonic() - started)
        time.sleep(0.1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_workers(env: dict, count: int, log: Path) -> list[subprocess.Popen]:
    with log.open("w") as output:
        return [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            for _ in range(count)
        ]


def main() -> None:
    args = arguments()
    params = connection_params(args.database_url)
    mail_port = free_port()
    env = {
        **site_environment(args),
        "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}",
        "EMAIL_TIMEOUT": str(args.email_timeout),
        "LOG_LEVEL": "ERROR",
    }
    ensure_database(params)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--open-registration")

    silent = SilentServer(mail_port)
    port = free_port()
    logs = Path(tempfile.gettempdir())
    server = start_gunicorn(env, port, logs / f"drill-smtp-gunicorn-{port}.log")
    workers = start_workers(env, args.task_workers, logs / f"drill-smtp-workers-{port}.log")
    base = f"http://127.0.0.1:{port}"
    run = secrets.token_hex(3)
    stop_browsing = threading.Event()
    page_timings: list[float] = []
    browser = threading.Thread(target=browse, args=(base, stop_browsing, page_timings))
    controller = None
    try:
        posted = []
        # A first round warms the processes up (imports, templates, translations), as a
        # production server is warm; its registrations are not timed, but their mail must arrive.
        warm_up = registration_round(base, run, -1, args.concurrent)
        browser.start()
        for round_number in range(args.rounds):
            posted += registration_round(base, run, round_number, args.concurrent)
        time.sleep(args.hang)
        stop_browsing.set()
        browser.join()
        attempts_while_silent = silent.accepted

        silent.stop()
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=mail_port)
        controller.start()
        answering_at = time.monotonic()
        expected = {address for address, status, _ in warm_up + posted if status == 302}
        deadline = answering_at + args.delivery_limit + 30
        while time.monotonic() < deadline:
            if {to[0] for _, to, _ in sink.received} >= expected:
                break
            time.sleep(0.2)
        time.sleep(2)  # anything sent twice would arrive now
    finally:
        stop_browsing.set()
        for worker in workers:
            worker.terminate()
        server.terminate()
        for process in [*workers, server]:
            process.wait(timeout=30)
        if controller is not None:
            controller.stop()

    latencies = [elapsed for _, _, elapsed in posted]
    statuses = Counter(status for _, status, _ in posted)
    received = Counter(to[0] for _, to, _ in sink.received if to[0] in expected)
    arrivals = [at - answering_at for at, to, _ in sink.received if to[0] in expected]
    print(
        f"gunicorn (2 workers) and {args.task_workers} db_worker processes on PostgreSQL; "
        f"mail server silent (EMAIL_TIMEOUT={args.email_timeout}) during {args.rounds} rounds "
        f"of {args.concurrent} simultaneous registrations and {args.hang:.0f} s after; "
        f"{attempts_while_silent} delivery attempts reached it meanwhile"
    )
    print(f"registration POSTs (after {len(warm_up)} to warm up): {dict(statuses)}")
    print(
        f"  latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    if page_timings:
        print(
            f"program page meanwhile ({len(page_timings)} loads): "
            f"p50 {statistics.median(page_timings) * 1000:.0f} ms, "
            f"max {max(page_timings) * 1000:.0f} ms"
        )
    if arrivals:
        print(
            f"after the server answered: first email {min(arrivals):.1f} s, "
            f"last {max(arrivals):.1f} s; {len(received)} of {len(expected)} confirmations "
            f"arrived, {sum(n - 1 for n in received.values())} twice or more"
        )

    failures = []
    if statuses.get(302, 0) != len(posted) or len(expected) != len(warm_up + posted):
        failures.append(f"not every registration was acknowledged: {dict(statuses)}")
    if percentile(latencies, 0.99) > args.p99_limit:
        failures.append(f"p99 above {args.p99_limit * 1000:.0f} ms")
    if set(received) != expected:
        failures.append(f"{len(expected - set(received))} confirmations never arrived")
    elif max(arrivals) > args.delivery_limit:
        failures.append(f"the last email took more than {args.delivery_limit:.0f} s")
    if any(n > 1 for n in received.values()):
        failures.append("some emails arrived more than once")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
