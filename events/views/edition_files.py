"""Answers for the whole-edition files (``program.ics``, ``schedule.xml``, ``schedule.json``,
``program.pdf``): the stored file while it is fresh, otherwise a 503 that says when to come back.

Why a 503 rather than drawing the file in the request (docs/documents.md, "Prebuilt files"):
right after an edit, every visitor of a large edition's PDF would wait 6–11 s and hold a web
worker as long, and a rush of them would hold them all. The worker is already drawing the file;
the visitor's browser tries again by itself (``Refresh``), calendar apps and crawlers after
``Retry-After``. With a task backend that runs tasks at once (tests, a worker-less set-up), the
file is drawn by the request that asks for it and served.
"""

import logging
import math

from django.http import FileResponse, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date

from events import edition_files
from events.models import Edition, EditionFile

logger = logging.getLogger(__name__)

# Without an earlier build to go by; at least this long, at most a minute.
DEFAULT_RETRY_SECONDS = 10
MIN_RETRY_SECONDS = 5
MAX_RETRY_SECONDS = 60


def edition_file(request: HttpRequest, edition: Edition, kind_name: str) -> HttpResponse:
    language = translation.get_language()
    opened = _open_fresh(edition, kind_name, language)
    if opened is None:
        _request_build(edition, kind_name, language)
        # A task backend that runs tasks at once has built it by now.
        opened = _open_fresh(edition, kind_name, language)
    if opened is None:
        return _being_built(edition, kind_name, language)
    stored, handle = opened
    return _file_response(edition, edition_files.kind(kind_name), stored, handle)


def _open_fresh(edition: Edition, kind_name: str, language: str):
    """(the stored file, its open handle) if it shows the current content, else None."""
    for _attempt in range(2):
        stored = edition_files.fresh_file(edition, kind_name, language)
        if stored is None:
            return None
        try:
            return stored, stored.file.open("rb")
        except FileNotFoundError:
            # Replaced by a newer build since the row was read: the row names the new file now.
            continue
    # The row is current but its file is gone (media restored from elsewhere): draw it again.
    _request_build(edition, kind_name, language, lost=True)
    return None


def _request_build(edition: Edition, kind_name: str, language: str, *, lost: bool = False):
    try:
        edition_files.request_build(edition, kind_name, language, lost=lost)
    except Exception:
        # The visitor gets the same answer; the change's own rebuild may still come.
        logger.exception("Could not enqueue the build of %s %s", edition, kind_name)


def _file_response(edition: Edition, file_kind, stored: EditionFile, handle) -> FileResponse:
    # Streamed from the storage (sendfile under gunicorn): megabytes are not copied in Python.
    response = FileResponse(handle, content_type=file_kind.content_type)
    disposition = "inline" if file_kind.inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_kind.filename_for(edition)}"'
    # ConditionalGetMiddleware answers 304 from these, without reading the file.
    response["ETag"] = f'"{stored.etag}"'
    response["Last-Modified"] = http_date(stored.built_at.timestamp())
    patch_cache_control(response, public=True, no_cache=True)
    if file_kind.cors:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _being_built(edition: Edition, kind_name: str, language: str) -> HttpResponse:
    retry = _retry_seconds(edition, kind_name, language)
    body = render_to_string(
        "events/edition_file_pending.html",
        {"edition": edition, "file_name": kind_name, "retry_after": retry},
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry)
    # Browsers reload by themselves, as they would for <meta http-equiv="refresh">.
    response["Refresh"] = str(retry)
    add_never_cache_headers(response)
    return response


def _retry_seconds(edition: Edition, kind_name: str, language: str) -> int:
    """A second longer than the last build of this file took, within bounds."""
    last = (
        EditionFile.objects.filter(edition=edition, kind=kind_name, language=language)
        .values_list("build_seconds", flat=True)
        .first()
    )
    seconds = DEFAULT_RETRY_SECONDS if last is None else math.ceil(last) + 1
    return max(MIN_RETRY_SECONDS, min(MAX_RETRY_SECONDS, seconds))
