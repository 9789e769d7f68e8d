"""Back up the whole site: every table of the database (all apps) and the uploaded media."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference_site import backups


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database (every app) and of MEDIA_ROOT into one archive: "
        "pg_dump on PostgreSQL, SQLite's online backup on SQLite; both are consistent while the "
        "site runs. Restore it with `manage.py restore`. Schedule it daily (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=(
                "The archive to write, or a directory to write it in "
                "(default: conference-backup-<date>-<time>.tar.gz in the current directory)."
            ),
        )
        parser.add_argument(
            "--database", default="default", help="The database to back up (default: default)."
        )

    def handle(self, *args, output=None, database="default", **options):
        # A directory, even one not made yet ("/var/backups/conference/"), gets a dated name.
        as_directory = output is None or output.endswith(("/", os.sep))
        output = Path(output or Path.cwd())
        if as_directory or output.is_dir():
            output = output / backups.default_archive_name()
        if output.exists():
            raise CommandError(f"{output} exists already; a backup never overwrites another.")
        try:
            manifest = backups.create_backup(output, using=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size
        self.stdout.write(
            f"Backed up the {manifest.engine} database {manifest.database!r} and "
            f"{manifest.media_files} media files to {output} ({size:,} bytes)."
        )
