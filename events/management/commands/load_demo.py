"""``manage.py load_demo``: create or refresh the demo conference; safe to run again."""

from django.core.management.base import BaseCommand

from events.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Create or refresh the demo conference (NEU's 2019 and 2022 editions, with sample "
        "speakers and program). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--open-registration",
            action="store_true",
            help=(
                "Open the 2022 edition's registration from 30 days ago to 60 days ahead "
                "(midnights in its time zone), to try registering on the demo. Without it, "
                "the historical window (autumn 2022) is kept or restored."
            ),
        )

    def handle(self, *args, open_registration=False, **options):
        counts = load_demo(open_registration=open_registration)
        self.stdout.write(
            "Demo conference loaded: {created} created, {updated} updated, "
            "{removed} removed, {unchanged} unchanged.".format(**counts)
        )
