"""Draw the whole-edition files (program.pdf, program.ics, schedule.xml, schedule.json) now."""

from django.core.management.base import BaseCommand, CommandError

from events import edition_files
from events.models import Edition


class Command(BaseCommand):
    help = (
        "Build the files of every published edition (program.pdf, program.ics, schedule.xml, "
        "schedule.json, in each language) and store them, so that no visitor waits for one. "
        "Run it at every deploy, after migrate and compilemessages: new code or translations may "
        "draw the same program differently. The worker rebuilds them by itself after changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="only this edition")
        parser.add_argument(
            "--stale", action="store_true", help="only files that are missing or out of date"
        )

    def handle(self, *args, year=None, stale=False, **options):
        # -v 0: only the total.
        edition_id = None
        if year is not None:
            edition = Edition.objects.published().filter(year=year).first()
            if edition is None:
                raise CommandError(f"No published edition {year}.")
            edition_id = edition.pk
        built = edition_files.build_files(edition_id=edition_id, only_stale=stale)
        for stored in built if options["verbosity"] else ():
            self.stdout.write(
                f"{stored.edition.year} {stored.kind} ({stored.language}): "
                f"{stored.file.size / 1024:.1f} KB in {stored.build_seconds:.2f} s"
            )
        total = sum(stored.build_seconds for stored in built)
        self.stdout.write(f"Built {len(built)} files in {total:.1f} s.")
