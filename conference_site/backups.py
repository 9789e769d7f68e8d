"""Backups of the whole site: every table of the database and the uploaded media, in one file.

It covers every app alike and reads none of their models. ``manage.py backup`` and
``manage.py restore`` call it; docs/operations.md says how to schedule backups and run a restore
drill.

The archive is a gzipped tar holding ``manifest.json`` (when, from which database engine, which
migrations were applied), the database and ``media/``:

- PostgreSQL: ``database.pgdump``, written by ``pg_dump --format=custom`` (a consistent snapshot
  taken in one transaction while the site keeps running) and read back by ``pg_restore --clean
  --if-exists --single-transaction`` (all or nothing). Connection parameters come from the
  database settings and reach the client tools through their environment (``PGPASSWORD`` and
  the like), never on a command line that ``ps`` shows.
- SQLite: ``database.sqlite3``, a copy made by SQLite's online backup API (consistent while
  other connections write) and copied back the same way, page by page.

Archives hold personal data: they are written readable by their owner only.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from events import versions

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}

# Database OPTIONS the PostgreSQL client tools read from their environment.
PG_OPTION_ENVIRONMENT = {
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass
class Manifest:
    created_at: str
    engine: str
    database: str
    migrations: list[str]
    media_files: int
    format: int = FORMAT_VERSION

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            fields = json.loads(data)
            manifest = cls(**fields)
        except (ValueError, TypeError) as error:
            raise BackupError(f"The archive's {MANIFEST} cannot be read: {error}") from error
        if manifest.format != FORMAT_VERSION or manifest.engine not in DATABASE_FILES:
            raise BackupError(
                f"Unknown archive format {manifest.format} for engine {manifest.engine!r}."
            )
        return manifest


def default_archive_name() -> str:
    now = timezone.localtime()
    return f"conference-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def create_backup(output: Path, *, using: str = "default") -> Manifest:
    """Write a backup of database ``using`` and of MEDIA_ROOT to ``output`` (a new file).

    The archive is written beside ``output`` under a temporary name and renamed when complete,
    so ``output`` is never a half-written backup.
    """
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        database_file = Path(work) / DATABASE_FILES[engine]
        applied = _applied_migrations(connection)
        if engine == "postgresql":
            _pg_dump(connection.settings_dict, database_file)
        else:
            _sqlite_dump(connection, database_file)
        media = _media_files(media_root)
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            engine=engine,
            database=str(connection.settings_dict["NAME"]),
            migrations=applied,
            media_files=len(media),
        )
        handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        try:
            with os.fdopen(handle, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest.__dict__, indent=2).encode())
                tar.add(database_file, arcname=database_file.name)
                for path in media:
                    relative = path.relative_to(media_root).as_posix()
                    tar.add(path, arcname=f"{MEDIA_PREFIX}/{relative}", recursive=False)
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return manifest


def read_manifest(archive: Path) -> Manifest:
    with _open_archive(archive) as tar:
        return _manifest_of(tar)


def restore_backup(archive: Path, *, using: str = "default") -> Manifest:
    """Replace database ``using`` and MEDIA_ROOT with the content of ``archive``.

    Everything is read and checked before anything is replaced. The database is replaced in
    one transaction (PostgreSQL) or one backup step (SQLite); then the media files.
    """
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    with _open_archive(archive) as tar, tempfile.TemporaryDirectory(prefix="restore-") as work:
        manifest = _manifest_of(tar)
        if manifest.engine != engine:
            raise BackupError(
                f"This is a backup of a {manifest.engine} database; the site uses {engine}."
            )
        database_file = _extract(tar, DATABASE_FILES[engine], Path(work))
        media_root.parent.mkdir(parents=True, exist_ok=True)
        new_media = Path(tempfile.mkdtemp(prefix=".restore-media-", dir=media_root.parent))
        try:
            _extract_media(tar, new_media)
            if engine == "postgresql":
                connections.close_all()
                pg_restore(connection.settings_dict, database_file)
            else:
                _sqlite_restore(connection, database_file)
            _replace_media(media_root, new_media)
        finally:
            shutil.rmtree(new_media, ignore_errors=True)
    # The restored tokens may be ones pages were cached under before the backup was taken.
    versions.content_changed(using=using)
    return manifest


def unapplied_migrations(*, using: str = "default") -> list[str]:
    """Migrations of the code that the (restored) database has not applied yet."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The environment that points the PostgreSQL client tools at the database, password too."""
    # As for the site's own connection, libpq's PG* variables fill in what the settings omit.
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for setting, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("NAME", "PGDATABASE"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(setting):
            env[variable] = str(settings_dict[setting])
    for option, variable in PG_OPTION_ENVIRONMENT.items():
        if options.get(option):
            env[variable] = str(options[option])
    return env


def pg_restore(settings_dict: dict, dump: Path) -> None:
    """Load a ``pg_dump --format=custom`` file into the database of ``settings_dict``.

    Objects in the dump are dropped first and created again, in one transaction that stops at
    the first error; tables the dump does not know (a newer migration) are left alone.
    """
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            # The target database; host, user and password come from the environment.
            f"--dbname={_pg_database(settings_dict)}",
            str(dump),
        ],
        env=pg_environment(settings_dict),
    )


def _pg_database(settings_dict: dict) -> str:
    if settings_dict.get("NAME"):
        return str(settings_dict["NAME"])
    service = (settings_dict.get("OPTIONS") or {}).get("service")
    if service:
        return f"service={service}"
    raise BackupError("The database settings name no database to restore into.")


def _pg_dump(settings_dict: dict, output: Path) -> None:
    _run(
        ["pg_dump", "--format=custom", "--no-password", f"--file={output}"],
        env=pg_environment(settings_dict),
    )


def _run(command: list[str], *, env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed; it comes with the PostgreSQL client "
            "(Debian: apt-get install postgresql-client), of the server's version or newer."
        ) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _sqlite_dump(connection, output: Path) -> None:
    if connection.in_atomic_block:
        # The copy would wait forever for the transaction's own lock.
        raise BackupError("Cannot back up SQLite inside a transaction.")
    connection.ensure_connection()
    target = sqlite3.connect(output)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_restore(connection, backup: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a transaction.")
    source = sqlite3.connect(backup)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _applied_migrations(connection) -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(
        path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _open_archive(archive: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive, mode="r:*")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} is not a readable backup: {error}") from error


def _manifest_of(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.extractfile(MANIFEST)
    except KeyError:
        member = None
    if member is None:
        raise BackupError(f"The archive has no {MANIFEST}: it is not a backup of this site.")
    return Manifest.from_json(member.read())


def _extract(tar: tarfile.TarFile, name: str, directory: Path) -> Path:
    try:
        member = tar.getmember(name)
    except KeyError:
        raise BackupError(f"The archive has no {name}.") from None
    tar.extract(member, directory, filter="data")
    return directory / name


def _extract_media(tar: tarfile.TarFile, directory: Path) -> None:
    """The archive's media files into ``directory``; names that would leave it are refused."""
    for member in tar.getmembers():
        name = PurePosixPath(member.name)
        if name.parts[:1] != (MEDIA_PREFIX,) or not member.isfile():
            continue
        relative = PurePosixPath(*name.parts[1:])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupError(f"The archive holds a media file outside media/: {member.name}")
        member = member.replace(name=str(relative))
        tar.extract(member, directory, filter="data")


def _replace_media(media_root: Path, new_media: Path) -> None:
    """Make MEDIA_ROOT hold exactly the files of ``new_media`` (it may be a mount point)."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in media_root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in new_media.iterdir():
        shutil.move(str(entry), media_root / entry.name)
