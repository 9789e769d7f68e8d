"""Email each attendee holding a place a reminder shortly before the conference, once."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from attendees import services
from attendees.models import Registration
from events.models import Edition

DEFAULT_DAYS_BEFORE = 3


class Command(BaseCommand):
    help = (
        "Email a reminder to every confirmed or approved attendee of an edition, from "
        "--days-before days before its first day until that day. Each attendee gets it once, "
        "so schedule it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--edition",
            dest="year",
            type=int,
            required=True,
            metavar="YEAR",
            help="The edition's year.",
        )
        parser.add_argument(
            "--days-before",
            type=int,
            default=DEFAULT_DAYS_BEFORE,
            metavar="N",
            help=f"Start reminding N days before the first day (default {DEFAULT_DAYS_BEFORE}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count who would be reminded."
        )

    def handle(self, *args, year, days_before, dry_run=False, **options):
        if days_before < 0:
            raise CommandError("--days-before cannot be negative.")
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"There is no edition {year}.")

        # Days are the edition's own: "three days before" means in the conference's time zone.
        today = timezone.localdate(timezone=edition.tzinfo)
        first_day = edition.start_date - datetime.timedelta(days=days_before)
        if today > edition.start_date:
            self.stdout.write(f"Edition {year} has begun or ended: no reminders sent.")
            return
        if today < first_day:
            self.stdout.write(
                f"Too early: reminders for {year} go out from {first_day.isoformat()}."
            )
            return

        due = Registration.objects.filter(edition=edition).awaiting_reminder().order_by("pk")
        if dry_run:
            self.stdout.write(f"{due.count()} attendees of {year} would be reminded.")
            return
        sent = 0
        # One transaction per attendee: an interrupted run resumes where it stopped.
        for registration in due.select_related("edition"):
            sent += services.send_reminder(registration=registration)
        self.stdout.write(f"Reminded {sent} attendees of {year}.")
