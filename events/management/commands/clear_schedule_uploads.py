"""Drop the stored files of schedule imports that nobody will import any more."""

from django.core.management.base import BaseCommand

from events.models import ScheduleImport


class Command(BaseCommand):
    help = (
        "Drop the uploaded files kept by the admin's schedule imports once nobody will import "
        "them: after their import ran, and a preview's after a day. Every import run does the "
        "same; run this daily so that a preview nobody followed does not keep its file."
    )

    def handle(self, *args, **options):
        cleared = ScheduleImport.objects.clear_old_uploads()
        self.stdout.write(f"Dropped the stored files of {cleared} schedule import runs.")
