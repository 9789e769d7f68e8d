"""In-process benchmark: every public address through Django's test client, DEBUG off.

One run measures one database (size) with the page cache on or off, as ``PAGE_CACHE`` in the
environment says; ``bench.run`` starts one process per combination with ``bench.environment``'s
settings. For each address: warm-up requests (which fill the cache when it is on), one request
counting the SQL queries, then timed requests without query capture (capturing adds its own
cost). The floor view is measured at the start and at the end of the same run.

    python -m bench.inprocess --size normal --out results.json   # env from bench.environment
"""

import argparse
import gc
import json
import math
import os
import platform
import statistics
import sys
import time

import django

MIN_TIMED = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", required=True)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per address")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds per address before stopping early"
    )
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference_site.settings")
    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    from bench import targets

    cache.clear()
    found = targets.find(args.year)
    started = time.time()
    results = [measure(targets.FLOOR, args)]
    for target in found:
        results.append(measure(target, args))
        print(f"  {row(results[-1])}", file=sys.stderr, flush=True)
    last_floor = measure(targets.FLOOR, args)
    results[0] = merge(results[0], last_floor)
    print(f"  {row(results[0])}", file=sys.stderr, flush=True)
    run = {
        "size": args.size,
        "page_cache": settings.PAGE_CACHE,
        "repeat": args.repeat,
        "started": started,
        "seconds": round(time.time() - started, 1),
        "load_average": os.getloadavg(),
        "database": database(),
        "cache_backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "python": platform.python_version(),
        "django": django.get_version(),
        "results": results,
    }
    with open(args.out, "w") as out:
        json.dump(run, out, indent=1)


def measure(target, args) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()  # a new visitor for each address: no cookie carried from another page
    first = time.perf_counter()
    response = client.get(target.path)
    warmups = 1 if time.perf_counter() - first > 1 else 2
    for _ in range(warmups - 1):
        client.get(target.path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target.path)
    query_count = len(queries.captured_queries)  # now: the next request clears the log
    timings = []
    deadline = time.perf_counter() + args.budget
    gc.collect()
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(target.path)
        # A streamed answer (a prebuilt file) is read through, as the server would send it.
        body = response.getvalue()
        timings.append((time.perf_counter() - start) * 1000)
        if len(timings) >= MIN_TIMED and time.perf_counter() > deadline:
            break
    return {
        **target.as_dict(),
        "target_ms": target.target_ms,
        "status": response.status_code,
        "bytes": len(body),
        "queries": query_count,
        "timings_ms": [round(t, 3) for t in timings],
        **summary(timings),
    }


def summary(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)], 2),
    }


def merge(first: dict, last: dict) -> dict:
    timings = first["timings_ms"] + last["timings_ms"]
    return {**first, "timings_ms": timings, **summary(timings)}


def database() -> str:
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    version = connection.connection.info.server_version
    return f"PostgreSQL {version // 10000}.{version % 10000}"


def row(result: dict) -> str:
    return (
        f"{result['name']:<22} {result['language'] or '-':<8} {result['status']} "
        f"q={result['queries']:<3} {result['bytes'] / 1024:8.1f} KB "
        f"median {result['median_ms']:8.2f} ms  p95 {result['p95_ms']:8.2f} ms (n={result['n']})"
    )


if __name__ == "__main__":
    main()
