"""Import a frab schedule (schedule.xml or schedule.json, a file or an address) into an edition."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.imports.download import read_source
from events.imports.frab import ScheduleError
from events.imports.program import import_schedule_file
from events.models import Edition
from events.models.schedule_import import TimeZoneChoice


class Command(BaseCommand):
    help = (
        "Import a frab schedule (XML or JSON, as frab and pretalx publish it) into an edition: "
        "creates or updates rooms, sub-forums (from tracks), sessions and speakers, matched by "
        "GUID so that importing again updates instead of duplicating. Nothing is written when "
        "the file has an error, and nothing at all with --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A schedule.xml or schedule.json: a path or an URL.")
        parser.add_argument(
            "--edition", type=int, required=True, help="The year of the edition, e.g. 2022."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the file's texts (default: %(default)s).",
        )
        parser.add_argument(
            "--time-zone",
            choices=[TimeZoneChoice.CONVERT, TimeZoneChoice.ADOPT],
            default=TimeZoneChoice.ASK,
            help=(
                "When the file's time zone differs from the edition's (refused otherwise): "
                "'convert' keeps the file's times and shows them on the edition's clock, "
                "'adopt' changes the edition's time zone to the file's."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )

    def handle(self, *args, source, edition, language, dry_run, verbosity, time_zone, **options):
        try:
            target = Edition.objects.get(year=edition)
        except Edition.DoesNotExist:
            raise CommandError(
                _("There is no %(year)s edition; create it in the admin first.") % {"year": edition}
            ) from None
        try:
            report = import_schedule_file(
                edition=target,
                data=read_source(source),
                language=language,
                dry_run=dry_run,
                time_zone=time_zone,
            )
        except ScheduleError as error:
            raise CommandError("\n".join(error.messages)) from None
        for line in report.summary():
            self.stdout.write(line)
        if verbosity > 1:
            for label, changes in report.sections():
                for verb, names in (("+", changes.created), ("~", changes.updated)):
                    for name in names:
                        self.stdout.write(f"  {verb} {label}: {name}")
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            message = _("Imported into the %(year)s edition.") % {"year": edition}
            self.stdout.write(self.style.SUCCESS(message))
