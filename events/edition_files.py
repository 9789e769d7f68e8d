"""Whole-edition files built ahead by the worker and served from storage, never stale.

The program of a whole edition as a calendar (``program.ics``), frab schedule
(``schedule.xml``, ``schedule.json``) or printable PDF (``program.pdf``) takes seconds to draw at
the size of a large conference. The worker draws each one when content changes and stores it
(``EditionFile``, the bytes in the default storage) with the content version it was drawn from; a
request serves the stored file only while that version is still the site's current one
(docs/documents.md, "Prebuilt files").

The kinds are registered by the apps that draw them (``register``): events registers the calendar
and the schedules, attendees the PDF, since events never imports attendees.

Freshness is exact: the version (``versions.edition_token``: the site's frame and the edition's
program) is read *before* the content, so a file drawn while an edit was being committed is filed
under the older version and never served as the newer one. Every replacement of a scope that
files show (``versions.scopes_replaced``) schedules one rebuild after its transaction commits
(``schedule_rebuild``), however many rows the transaction wrote; news, organizer pages and
registrations do not.
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone, translation

from . import versions
from .models import Edition, EditionFile

logger = logging.getLogger(__name__)

# How long a request's call for a rebuild holds before another request may call again (a task
# that was lost, a worker that died): the rebuild of a large edition takes about 20 s.
REQUEST_AGAIN_SECONDS = 60
# Where the files are kept in the default storage (MEDIA_ROOT).
STORAGE_FOLDER = "edition-files"


@dataclass(frozen=True)
class FileKind:
    name: str  # "program.pdf": the address's last part and the stored kind
    draw: Callable[[Edition], bytes | str]  # runs with the file's language active
    content_type: str
    filename: str  # with {year}
    inline: bool = False
    # Calendars and schedules are read by apps on other sites; the PDF is for people.
    cors: bool = False

    def filename_for(self, edition: Edition) -> str:
        return self.filename.format(year=edition.year)


_kinds: dict[str, FileKind] = {}


def register(kind: FileKind) -> None:
    _kinds[kind.name] = kind


def kinds() -> list[FileKind]:
    return list(_kinds.values())


def kind(name: str) -> FileKind:
    return _kinds[name]


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def content_token(edition: Edition) -> str:
    """The version of everything ``edition``'s files show: an edit elsewhere leaves them fresh."""
    return versions.edition_token(edition.year)


def fresh_file(edition: Edition, kind_name: str, language: str) -> EditionFile | None:
    """The stored file if it shows the current content, else None. Two queries."""
    token = content_token(edition)
    return EditionFile.objects.filter(
        edition=edition, kind=kind_name, language=language, token=token
    ).first()


def build(edition: Edition, kind_name: str, language: str) -> EditionFile | None:
    """Draw one file and store it; None when content changed while it was drawn (the change
    scheduled its own rebuild, and this file would show neither version whole)."""
    file_kind = _kinds[kind_name]
    token = content_token(edition)
    started = time.perf_counter()
    with translation.override(language):
        content = file_kind.draw(edition)
    if isinstance(content, str):
        content = content.encode()
    seconds = time.perf_counter() - started
    if content_token(edition) != token:
        logger.info("%s %s (%s) changed while drawn: not stored", edition, kind_name, language)
        return None
    etag = hashlib.sha256(content).hexdigest()
    name = _storage_name(edition, kind_name, language, etag)
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    previous = (
        EditionFile.objects.filter(edition=edition, kind=kind_name, language=language)
        .values_list("file", flat=True)
        .first()
    )
    stored = EditionFile(
        edition=edition,
        kind=kind_name,
        language=language,
        token=token,
        file=name,
        etag=etag,
        built_at=timezone.now(),
        build_seconds=round(seconds, 3),
    )
    # An upsert, which sends no signal: saving a built file must not look like a content change.
    EditionFile.objects.bulk_create(
        [stored],
        update_conflicts=True,
        unique_fields=["edition", "kind", "language"],
        update_fields=["token", "file", "etag", "built_at", "build_seconds"],
    )
    if previous and previous != name:
        # A request that read the old row just before finds the file gone and reads again.
        default_storage.delete(previous)
    logger.info("Built %s %s (%s) in %.2f s", edition, kind_name, language, seconds)
    return stored


def _storage_name(edition: Edition, kind_name: str, language: str, etag: str) -> str:
    stem, extension = kind_name.rsplit(".", 1)
    return f"{STORAGE_FOLDER}/{edition.year}/{stem}-{language}-{etag[:16]}.{extension}"


@receiver(post_delete, sender=EditionFile, dispatch_uid="events.edition_files.delete_file")
def _delete_stored_file(sender, instance, using=None, **kwargs):
    # With its edition, once the deletion commits (a rollback keeps row and file).
    name = instance.file.name
    transaction.on_commit(lambda: default_storage.delete(name), using=using, robust=True)


def editions_with_files(edition_id: int | None = None):
    """Published editions (the only ones whose files are served), with what the drawers read."""
    editions = Edition.objects.published().select_related("series", "host").order_by("-year")
    return editions.filter(pk=edition_id) if edition_id is not None else editions


def build_files(
    *,
    edition_id: int | None = None,
    kind_name: str | None = None,
    language: str | None = None,
    only_stale: bool = True,
) -> list[EditionFile]:
    """Build the files that are missing or stale (every file with ``only_stale=False``: after a
    deploy, new code or translations may draw the same content differently), of one edition,
    kind or language if given.

    Each file is checked just before it is drawn, so a second worker running the same rebuild
    skips what the first has stored. Calendars and schedules first: they are drawn in a second,
    the PDFs in several.
    """
    wanted = [k.name for k in kinds() if kind_name in (None, k.name)]
    wanted.sort(key=lambda name: name.endswith(".pdf"))
    codes = [code for code in languages() if language in (None, code)]
    built = []
    for edition in editions_with_files(edition_id):
        for name in wanted:
            for code in codes:
                if only_stale and fresh_file(edition, name, code) is not None:
                    continue
                stored = build(edition, name, code)
                if stored is not None:
                    built.append(stored)
    return built


# --- rebuilding when content changes -----------------------------------------------------------


class _Rebuild:
    """One pending rebuild, shared by every change of a transaction.

    Each change registers its own on-commit callback (so a rollback of part of the transaction
    drops only its own), all pointing at this object, which enqueues once when the first of them
    runs. A transaction that rolls back whole leaves it pending, and the next transaction that
    changes content commits it.
    """

    def __init__(self):
        self.enqueued = False

    def __call__(self) -> None:
        if not self.enqueued:
            self.enqueued = True
            _enqueue()


_pending = threading.local()


def _scopes_replaced(sender, scopes, using=None, **kwargs):
    if any(scope == versions.SITE or versions.is_edition_scope(scope) for scope in scopes):
        schedule_rebuild(using=using)


versions.scopes_replaced.connect(_scopes_replaced, dispatch_uid="events.edition_files.rebuild")


def schedule_rebuild(*, using: str | None = None) -> None:
    """Rebuild stale files once the current transaction commits (at once outside one)."""
    using = using or DEFAULT_DB_ALIAS
    rebuild = getattr(_pending, using, None)
    if rebuild is None or rebuild.enqueued:
        rebuild = _Rebuild()
        setattr(_pending, using, rebuild)
    transaction.on_commit(rebuild, using=using, robust=True)


def request_build(edition: Edition, kind_name: str, language: str, *, lost: bool = False) -> None:
    """A visitor found the file missing or stale: make sure a build of it is on its way.

    The rebuild scheduled by the change is normally queued already; this covers a first start, a
    lost task, a restored database. ``lost``: the row is current but its file is missing from the
    storage (media restored from elsewhere), so it is drawn again although not stale.

    Asked at most once a minute per file and content version through the cache, so a rush of
    visitors enqueues one task; still asked when the cache fails: a cache is never a dependency.
    """
    version = content_token(edition)
    key = f"edition-files:requested:{edition.pk}:{kind_name}:{language}:{version}:{lost}"
    try:
        first = cache.add(key, True, REQUEST_AGAIN_SECONDS)
    except Exception:
        logger.warning("Cache unavailable: enqueueing the build of %s anyway", key, exc_info=True)
        first = True
    if first:
        kwargs = {"edition_id": edition.pk, "kind_name": kind_name, "language": language}
        _enqueue(**kwargs, **({"only_stale": False} if lost else {}))


def _enqueue(**kwargs) -> None:
    from .tasks import build_edition_files

    build_edition_files.enqueue(**kwargs)
