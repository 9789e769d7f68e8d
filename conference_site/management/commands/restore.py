"""Replace the whole database (all apps) and the uploaded media with a backup."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from conference_site import backups


class Command(BaseCommand):
    help = (
        "Replace the whole database (every app) and MEDIA_ROOT with an archive written by "
        "`manage.py backup`. Stop the site first. Asks for confirmation; without a terminal it "
        "refuses unless --yes is given. See docs/operations.md for the restore drill."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: replace the data without confirmation."
        )
        parser.add_argument(
            "--database", default="default", help="The database to replace (default: default)."
        )

    def handle(self, *args, archive, yes=False, database="default", **options):
        try:
            manifest = backups.read_manifest(archive)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        target = connections[database].settings_dict["NAME"]
        if not yes:
            self._confirm(
                f"This replaces every table of the database {str(target)!r} and every media "
                f"file with the backup of {manifest.created_at} ({manifest.engine} database "
                f"{manifest.database!r}, {manifest.media_files} media files).\n"
                "Type 'yes' to continue: "
            )
        try:
            backups.restore_backup(archive, using=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest.created_at} from {archive}.")
        pending = backups.unapplied_migrations(using=database)
        if pending:
            self.stdout.write(
                f"The backup predates {len(pending)} migrations of this code "
                f"({', '.join(pending)}): run `manage.py migrate`."
            )

    def _confirm(self, question: str) -> None:
        if sys.stdin is None or not sys.stdin.isatty():
            raise CommandError(
                "Restoring replaces all data; without a terminal to confirm it, pass --yes."
            )
        if input(question).strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
