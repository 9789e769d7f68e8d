"""``manage.py backup`` and ``manage.py restore``: a round trip loses no row and no media file.

The round trip runs on the database the suite runs on (SQLite, then PostgreSQL in CI); on
PostgreSQL a restore into a fresh, empty database is tested too.
"""

import hashlib
import io
import json
import stat
import tarfile
import uuid

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from attendees import services
from attendees.models import Registration
from conference_site import backups
from events.models import ContentVersion, Edition, NewsArticle, Session, Speaker
from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
    TopicFactory,
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_conference():
    """Rows in most tables of both apps, history included, and an uploaded image."""
    edition = EditionFactory(is_current=True)
    sub_forum = SubForumFactory(edition=edition)
    sub_forum.topics.add(TopicFactory(edition=edition))
    speakers = SpeakerFactory.create_batch(2)
    SessionFactory.create_batch(3, edition=edition, sub_forum=sub_forum, with_speakers=speakers)
    article = NewsArticleFactory(edition=edition, title_zh_hans="新闻：会议开幕")
    article.cover_image.save("cover.png", ContentFile(b"\x89PNG not really"), save=True)
    RegistrationSettingsFactory(edition=edition, online_capacity=10)
    for n in range(3):
        RegistrationFactory(edition=edition, sub_forums=[sub_forum], name=f"Attendee {n}")


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of its content, whatever the row order."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            tables[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return tables


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def media_files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def change_everything(root):
    """A bad day: deletions across both apps, an edit, a new row, media lost and added."""
    services.delete_registration(registration=Registration.objects.first())
    Session.objects.first().delete()
    Edition.objects.update(title_en="Overwritten by mistake")
    SpeakerFactory()
    NewsArticle.objects.get().cover_image.delete(save=False)
    (root / "stray.txt").write_text("not in the backup")


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_loses_no_row_and_no_media_file(media, tmp_path):
    make_conference()
    before, files_before = snapshot(), media_files(media)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    change_everything(media)
    assert snapshot() != before

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    # The page cache's token is replaced after a restore, on purpose (events/versions.py), and
    # that queues a rebuild of the prebuilt program files (events/edition_files.py).
    version = ContentVersion._meta.db_table
    replaced = {version, DBTaskResult._meta.db_table}
    assert {k: v for k, v in snapshot().items() if k not in replaced} == {
        k: v for k, v in before.items() if k not in replaced
    }
    assert snapshot()[version][0] == before[version][0]
    assert media_files(media) == files_before
    assert Speaker.objects.count() == 2
    assert NewsArticle.objects.get().title_zh_hans == "新闻：会议开幕"


@pytest.mark.django_db(transaction=True)
def test_the_archive_is_private_and_never_overwritten(media, tmp_path):
    out = io.StringIO()
    call_command("backup", "--output", f"{tmp_path / 'backups'}/", stdout=out)
    (archive,) = (tmp_path / "backups").glob("conference-backup-*.tar.gz")
    assert str(archive) in out.getvalue()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == connection.vendor
    assert "events.0001_initial" in manifest["migrations"]


@pytest.fixture
def archive(transactional_db, media, tmp_path):
    # Outside a transaction: SQLite's online backup waits for the writer's lock.
    path = tmp_path / "backup.tar.gz"
    backups.create_backup(path)
    return path


def test_restore_refuses_without_yes_when_nobody_can_confirm(archive, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO())
    EditionFactory(title_en="Made after the backup")

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))

    assert Edition.objects.filter(title_en="Made after the backup").exists()


def test_restore_asks_and_stops_unless_told_yes(archive, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: "no")
    EditionFactory(title_en="Made after the backup")

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive))

    assert Edition.objects.filter(title_en="Made after the backup").exists()


def rewrite(archive, *, manifest=None, extra=()):
    """A copy of ``archive`` with its manifest changed and ``extra`` (name, bytes) added."""
    copy = archive.with_name("altered.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                data = json.dumps({**json.loads(data), **manifest}).encode()
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        for name, data in extra:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return copy


def test_a_backup_of_the_other_engine_is_refused(archive):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    with pytest.raises(CommandError, match=f"backup of a {other} database"):
        call_command("restore", str(rewrite(archive, manifest={"engine": other})), "--yes")


def test_media_names_that_leave_the_media_folder_are_refused(archive, media, tmp_path):
    EditionFactory(title_en="Made after the backup")
    hostile = rewrite(archive, extra=[("media/../../escaped.txt", b"owned")])

    with pytest.raises(CommandError, match="outside media"):
        call_command("restore", str(hostile), "--yes")

    assert not list(tmp_path.rglob("escaped.txt"))
    assert Edition.objects.filter(title_en="Made after the backup").exists()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", str(path), "--yes")


# --- PostgreSQL: a restore drill into a new, empty database --------------------------------------


def pg_counts(conninfo: str) -> dict[str, int]:
    with psycopg.connect(conninfo, autocommit=True) as pg:
        tables = [
            name
            for (name,) in pg.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {t: pg.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def conninfo(settings_dict: dict, name: str) -> str:
    parts = {
        "dbname": name,
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


@pytest.mark.postgres
@pytest.mark.drill
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_postgresql_database(media, tmp_path):
    make_conference()
    archive = tmp_path / "backup.tar.gz"
    backups.create_backup(archive)
    settings_dict = connection.settings_dict
    scratch = f"restore_drill_{uuid.uuid4().hex[:12]}"
    admin = conninfo(settings_dict, "postgres")
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{scratch}"')
    try:
        with tarfile.open(archive) as tar:
            tar.extract("database.pgdump", tmp_path, filter="data")
        backups.pg_restore({**settings_dict, "NAME": scratch}, tmp_path / "database.pgdump")

        assert pg_counts(conninfo(settings_dict, scratch)) == pg_counts(
            conninfo(settings_dict, settings_dict["NAME"])
        )
        assert pg_counts(conninfo(settings_dict, scratch))["attendees_registration"] == 3
    finally:
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
