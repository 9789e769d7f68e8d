"""Load benchmark: the site under gunicorn (2 workers), driven by wrk from another process.

The same environment as ``make serve`` (DEBUG off, static files collected and hashed), the
normal-size database, and the cache in Redis when it answers (else local memory, one per
worker). For the home, program, speakers and session pages and the floor view, then for the
registration POST (unique email per request, 16 connections): requests/s, p50/p99 latency and
errors (non-2xx/3xx answers and socket errors), from wrk's own counters.

    python -m bench.load --size normal --out results.json
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django

from bench import environment

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d,'
    .. ' "p99_us": %d, "max_us": %d, "status_errors": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""
# Each wrk thread numbers its requests; with the run's and the thread's id, every email differs.
REGISTER_SCRIPT = """
local body_start = %(body)s
local path = %(path)s
local run = %(run)s
local counter = 0
local threads = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = %(cookie)s

setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

request = function()
  counter = counter + 1
  local email = "load." .. run .. "." .. tid .. "." .. counter .. "%%40example.org"
  return wrk.format(nil, path, nil, body_start .. "&email=" .. email)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="normal")
    parser.add_argument("--year", type=int, default=environment.YEAR)
    parser.add_argument("--duration", type=int, default=10, help="seconds per address")
    parser.add_argument("--connections", type=int, default=8, help="for the GET addresses")
    parser.add_argument("--register-connections", type=int, default=16)
    parser.add_argument("--cache", default="on,off", help="page cache modes to run, in order")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    cache_url = environment.REDIS_URL if environment.redis_reachable() else "locmemcache://"
    runs = []
    for mode in args.cache.split(","):
        env = environment.site_env(
            args.size,
            page_cache=mode == "on",
            CACHE_URL=cache_url,
            STATIC_MANIFEST="on",
            # Every request comes from 127.0.0.1: the per-address limit would refuse the load.
            RATE_LIMIT_REGISTER="100000000/h",
            RATE_LIMIT_RESEND_LINK="100000000/h",
        )
        if not runs:
            # This process reads the same database: the addresses, then what the POSTs wrote.
            os.environ.update(env)
            django.setup()
            environment.manage("collectstatic", "--noinput", "-v", "0", env=env)
        runs.append(run_mode(args, env, mode, with_registration=(mode == "on")))
    result = {
        "size": args.size,
        "database": environment.database_label(),
        "cache_url": cache_url.split("://")[0],
        "workers": 2,
        # As the servers ran: the settings' defaults unless the environment set them.
        "conn_max_age": os.environ.get("CONN_MAX_AGE", "60"),
        "page_cache_url": os.environ.get("PAGE_CACHE_URL", "").split("://")[0] or "locmemcache",
        "duration_s": args.duration,
        "connections": args.connections,
        "register_connections": args.register_connections,
        "wrk_threads": 2,
        "wrk": _wrk_version(),
        "load_average": os.getloadavg(),
        "modes": runs,
    }
    Path(args.out).write_text(json.dumps(result, indent=1))


def run_mode(args, env: dict, mode: str, *, with_registration: bool) -> dict:
    from django.db import connection

    from bench import targets

    _flush_cache(env["CACHE_URL"])
    paths = targets.load_targets(args.year)
    connection.close()
    port = _free_port()
    log = environment.DATA / f"gunicorn-{mode}.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "conference_site.wsgi"]
            # As `make serve` runs it (its access log to stdout, here into the log file).
            + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"],
            cwd=environment.ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(port, server)
        results = []
        for name, path in paths.items():
            status = _get(port, path)[0]
            for _ in range(20):  # warm both workers (and the cache when it is on)
                _get(port, path)
            figures = _wrk(port, path, args.duration, args.connections)
            results.append({"name": name, "path": path, "status": status, **figures})
            print(f"  load {mode:<3} {_row(results[-1])}", file=sys.stderr, flush=True)
        if with_registration:
            results.append(_registration(args, env, port))
            print(f"  load {mode:<3} {_row(results[-1])}", file=sys.stderr, flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {"page_cache": mode == "on", "results": results}


def _registration(args, env: dict, port: int) -> dict:
    from django.db import connection

    from attendees.models import Registration

    path = f"/{args.year}/register/"
    status, headers, body = _get(port, path)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    sub_forum = re.search(rb'name="sub_forums" value="(\d+)"', body)
    if status != 200 or not cookie or not token:
        raise SystemExit(f"The registration form did not answer as expected ({status}).")
    fields = {
        "csrfmiddlewaretoken": token.group(1).decode(),
        "name": "Load Test",
        "organization": "Synthetic University",
        "organization_type": "university",
        "position": "Engineer",
        "country": "CN",
        "category": "expert",
        "mode": "on_site",
        "privacy_consent": "on",
        **({"sub_forums": sub_forum.group(1).decode()} if sub_forum else {}),
    }
    run_id = str(int(time.time()))
    # One POST first: a form error (400) or a refused token (403) stops here, not under load.
    probe = _post(port, path, urlencode({**fields, "email": f"probe.{run_id}@example.org"}), cookie)
    if probe != 302:
        raise SystemExit(f"The registration POST answered {probe}, not a redirect.")
    script = environment.DATA / "register.lua"
    script.write_text(
        REGISTER_SCRIPT
        % {
            "body": _lua(urlencode(fields)),
            "path": _lua(path),
            "run": _lua(run_id),
            "cookie": _lua(f"csrftoken={cookie.group(1)}"),
        }
        + WRK_REPORT
    )
    figures = _wrk(port, path, args.duration, args.register_connections, script=script)
    created = Registration.objects.filter(email__startswith=f"load.{run_id}.").count()
    connection.close()
    return {
        "name": "registration POST",
        "path": path,
        "status": probe,
        "registrations_created": created,
        **figures,
    }


def _wrk(port: int, path: str, duration: int, connections: int, script: Path | None = None):
    if script is None:
        script = environment.DATA / "report.lua"
        script.write_text(WRK_REPORT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(script)]
    command.append(f"http://127.0.0.1:{port}{path}")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    seconds = raw["duration_us"] / 1e6
    return {
        "connections": connections,
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "bytes_per_request": round(raw["bytes"] / max(raw["requests"], 1)),
        "errors": raw["status_errors"] + raw["socket_errors"],
        "status_errors": raw["status_errors"],
        "socket_errors": raw["socket_errors"],
    }


def _get(port: int, path: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


def _post(port: int, path: str, body: str, cookie: re.Match) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie.group(1)}",
        }
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string of ASCII is a valid Lua string literal


def _flush_cache(url: str) -> None:
    """Start from an empty cache: old pages and rate-limit counters would skew the figures."""
    if url.startswith("redis"):
        import redis

        redis.Redis.from_url(url).flushdb()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped at start; see bench/.data/gunicorn-*.log")
        try:
            if _get(port, "/healthz/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


def _wrk_version() -> str:
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (done.stdout + done.stderr).split("[")[0].strip()


def _row(result: dict) -> str:
    return (
        f"{result['name']:<18} {result['requests_per_s']:8.1f} req/s  p50 {result['p50_ms']:7.2f}"
        f" ms  p99 {result['p99_ms']:7.2f} ms  errors {result['errors']}"
    )


if __name__ == "__main__":
    main()
