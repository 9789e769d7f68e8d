"""``manage.py generate_conference``: a synthetic edition for benchmarks and demos."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import synthetic
from events.models import Edition

from ... import synthetic as synthetic_registrations


class Command(BaseCommand):
    help = (
        "Generate a synthetic, published edition with its program, speakers, news and "
        "registrations. normal: 2 days, 8 sub-forums each in its room, 400 sessions, 300 "
        "speakers, 1,000 registrations, 20 news articles; large: ten times that over 20 days. "
        "Everything generated says it is synthetic. The same --seed gives the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(synthetic.SIZES), default="normal")
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

    def handle(self, *args, size, edition, seed, replace, current, **options):
        year, started = edition, time.perf_counter()
        count = synthetic_registrations.REGISTRATIONS[size]
        with transaction.atomic():
            existing = Edition.objects.filter(year=year).first()
            if existing is not None:
                if not synthetic.is_synthetic(existing):
                    raise CommandError(
                        f"Edition {year} exists and was not generated; choose another year."
                    )
                if not replace:
                    raise CommandError(
                        f"A synthetic edition {year} exists already; pass --replace to "
                        "delete it and generate it again."
                    )
                synthetic_registrations.delete_registrations(existing)
                synthetic.delete_edition(existing)
            generated = synthetic.generate_edition(
                year=year,
                size=synthetic.SIZES[size],
                seed=seed,
                current=current,
                on_site_capacity=synthetic_registrations.capacity_for(count),
            )
            synthetic_registrations.generate_registrations(
                edition=generated, count=count, seed=seed
            )
        shape = synthetic.SIZES[size]
        self.stdout.write(
            f"{'Replaced' if existing else 'Generated'} synthetic edition {year} ({size}): "
            f"{shape.days} days, {shape.sub_forums} sub-forums and rooms, {shape.sessions} "
            f"sessions, {shape.speakers} speakers, {count} registrations, {shape.news} news "
            f"articles in {time.perf_counter() - started:.1f} s."
        )
