"""Retention: erase the personal data of registrations some time after their edition ended."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from attendees import services
from attendees.models import Registration


class Command(BaseCommand):
    help = (
        "Anonymize the registrations of editions that ended more than --days days ago "
        "(default: ATTENDEES_RETENTION_DAYS). Statistics keep counting them. Safe to run "
        "again; schedule it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            metavar="N",
            help="Days after an edition's last day (default: ATTENDEES_RETENTION_DAYS, "
            f"now {settings.ATTENDEES_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymized."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ATTENDEES_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        # An edition that ended on day E is anonymized from day E + days + 1 on.
        ended_before = timezone.localdate() - datetime.timedelta(days=days)
        due = Registration.objects.due_for_anonymization(ended_before=ended_before)
        if dry_run:
            per_year = list(
                due.values_list("edition__year")
                .annotate(count=Count("pk"))
                .order_by("edition__year")
            )
            for year, count in per_year:
                self.stdout.write(f"{year}: {count} registrations would be anonymized.")
            self.stdout.write(f"{sum(c for _, c in per_year)} registrations would be anonymized.")
            return
        anonymized = skipped = 0
        # One transaction per registration: an interrupted run resumes where it stopped.
        for registration in list(due.order_by("pk")):
            try:
                anonymized += services.anonymize(registration=registration)
            except services.RegistrationError as error:
                # The edition's own day can lag the server's by a few hours: next run.
                skipped += 1
                self.stderr.write(f"Registration {registration.pk}: {error.message}")
        self.stdout.write(f"Anonymized {anonymized} registrations.")
        if skipped:
            self.stdout.write(f"Skipped {skipped} whose edition has not ended in its time zone.")
