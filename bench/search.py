"""Search alone: the issue's goal, under 50 ms uncached at the large size on PostgreSQL.

``make bench`` measures the same addresses among all the others; this measures only them (and
the floor, before and after), in a few seconds, with the page cache off:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m bench.search   # bench_large
    python -m bench.search --size normal --prepare                                # SQLite

``--prepare`` first makes the size's database as ``make bench`` does (migrate, the demo, the
synthetic edition). The figures are printed, not judged: a benchmark reports, CI does not gate
on timings.
"""

import argparse
import os
import sys

import django

from bench import environment, inprocess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=environment.SIZES)
    parser.add_argument("--prepare", action="store_true", help="make the size's database first")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per address")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per address")
    args = parser.parse_args()
    if args.prepare:
        from bench import run

        run.prepare(args.size, environment.results_dir(), [])
    os.environ.update(environment.site_env(args.size, page_cache=False))
    django.setup()
    from bench import targets

    floor = inprocess.measure(targets.FLOOR, args)
    results = [inprocess.measure(target, args) for target in targets.search_targets()]
    floor = inprocess.merge(floor, inprocess.measure(targets.FLOOR, args))
    print(f"{args.size} size, {inprocess.database()}, load average {os.getloadavg()[0]:.1f}")
    for result in [floor, *results]:
        ratio = result["median_ms"] / floor["median_ms"]
        print(f"  {inprocess.row(result)}  {ratio:5.1f}× floor", file=sys.stdout)
    slow = [r["name"] for r in results if r["median_ms"] >= targets.SEARCH_TARGET_MS]
    goal = f"under {targets.SEARCH_TARGET_MS} ms"
    print(f"Goal {goal}: " + (f"missed by {', '.join(slow)}" if slow else "met by every query"))


if __name__ == "__main__":
    main()
