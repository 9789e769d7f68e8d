"""Delete registrations whose email was never confirmed before the link expired."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from attendees.models import Registration


class Command(BaseCommand):
    help = (
        "Delete unconfirmed registrations whose confirmation link has expired "
        "(ATTENDEES_CONFIRMATION_MAX_AGE). Schedule it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        expired = Registration.objects.expired_unconfirmed(now=timezone.now())
        if dry_run:
            count = expired.count()
            self.stdout.write(f"{count} expired unconfirmed registrations would be deleted.")
            return
        with transaction.atomic():
            # Unconfirmed registrations hold no place, so deleting them frees nothing to promote.
            _total, per_model = expired.delete()
        deleted = per_model.get(Registration._meta.label, 0)
        self.stdout.write(f"Deleted {deleted} expired unconfirmed registrations.")
