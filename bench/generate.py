"""``python -m bench.generate``: a synthetic edition for the benchmark.

normal: 2 days, 8 sub-forums each in its room, 400 sessions, 300 speakers, 1,000 registrations,
20 news articles; large: ten times that over 20 days. Everything generated says it is synthetic;
the same --seed gives the same content. Run from the project's root with the site's environment
(``DATABASE_URL``), as ``bench.run`` does:

    python -m bench.generate --size normal --edition 2030 --replace --current
"""

import argparse
import os
import sys
import time

import django

from bench.environment import SIZES


class Refused(Exception):
    """The edition cannot be generated; the message says why and nothing was written."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="A synthetic edition for the benchmark."
    )
    parser.add_argument("--size", choices=SIZES, default="normal")
    parser.add_argument("--edition", type=int, required=True, metavar="YEAR")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="Delete the synthetic edition of that year first (with its registrations); "
        "without it, an existing edition of that year is an error. An edition that was not "
        "generated is never replaced.",
    )
    parser.add_argument(
        "--current",
        action="store_true",
        help="Make it the current edition, the one the home page shows.",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference_site.settings")
    django.setup()
    try:
        summary = generate(
            size=args.size,
            year=args.edition,
            seed=args.seed,
            replace=args.replace,
            current=args.current,
        )
    except Refused as error:
        parser.exit(1, f"{error}\n")
    print(summary)


def generate(
    *, size: str, year: int, seed: int = 1, replace: bool = False, current: bool = False
) -> str:
    """Write the synthetic edition ``year`` of ``size`` in one transaction; return a summary."""
    # Imported here: main() parses its arguments before django.setup() makes models importable.
    from django.db import transaction

    from bench.synthetic import edition as synthetic
    from bench.synthetic import registrations
    from events.models import Edition

    started = time.perf_counter()
    shape, count = synthetic.SIZES[size], registrations.REGISTRATIONS[size]
    with transaction.atomic():
        existing = Edition.objects.filter(year=year).first()
        if existing is not None:
            if not synthetic.is_synthetic(existing):
                raise Refused(f"Edition {year} exists and was not generated; choose another year.")
            if not replace:
                raise Refused(
                    f"A synthetic edition {year} exists already; pass --replace to "
                    "delete it and generate it again."
                )
            registrations.delete_registrations(existing)
            synthetic.delete_edition(existing)
        generated = synthetic.generate_edition(
            year=year,
            size=shape,
            seed=seed,
            current=current,
            on_site_capacity=registrations.capacity_for(count),
        )
        registrations.generate_registrations(edition=generated, count=count, seed=seed)
    _analyze()
    return (
        f"{'Replaced' if existing else 'Generated'} synthetic edition {year} ({size}): "
        f"{shape.days} days, {shape.sub_forums} sub-forums and rooms, {shape.sessions} "
        f"sessions, {shape.speakers} speakers, {count} registrations, {shape.news} news "
        f"articles in {time.perf_counter() - started:.1f} s."
    )


def _analyze() -> None:
    """On PostgreSQL, statistics for the rows just written, as autovacuum gathers them on a live
    site within a minute or so. Measured before it had run, PostgreSQL planned for nearly empty
    tables: a broad search took 54 ms where it took 46 once analyzed. SQLite gathers none by itself,
    and a live SQLite site has none either: nothing is done there."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main(sys.argv[1:])
