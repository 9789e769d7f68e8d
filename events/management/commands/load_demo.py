"""``manage.py load_demo``: create or refresh the demo conference; safe to run again."""

from django.core.management.base import BaseCommand

from events.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Create or refresh the demo conference (NEU's 2019 and 2022 editions, with sample "
        "speakers and program). Running it again changes nothing."
    )

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(
            "Demo conference loaded: {created} created, {updated} updated, "
            "{removed} removed, {unchanged} unchanged.".format(**counts)
        )
