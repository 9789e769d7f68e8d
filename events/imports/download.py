"""Reading a schedule file from disk, an upload or the web, with a size limit."""

import urllib.error
import urllib.request
from pathlib import Path

from django.utils.translation import gettext as _

from .frab import ScheduleError

# The frab schedule of a large congress (several thousand events) is a few megabytes.
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 30


def read_limited(stream, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Up to ``max_bytes`` from ``stream``; a larger file is refused, not cut."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ScheduleError(
            [_("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}]
        )
    return data


def read_source(source: str) -> bytes:
    """The bytes of ``source``: an http(s) address, else a path on this machine."""
    if source.startswith(("http://", "https://")):
        return fetch(source)
    try:
        with Path(source).open("rb") as file:
            return read_limited(file)
    except OSError as error:
        raise ScheduleError(
            [_("Cannot read %(path)s: %(reason)s") % {"path": source, "reason": error.strerror}]
        ) from error


def fetch(url: str) -> bytes:
    """Download ``url`` (http or https only), within ``TIMEOUT_SECONDS`` and ``MAX_BYTES``."""
    request = urllib.request.Request(
        url, headers={"User-Agent": "conference-site schedule import", "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return read_limited(response)
    except urllib.error.HTTPError as error:
        reason = f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = str(getattr(error, "reason", error))
    raise ScheduleError([_("Cannot download %(url)s: %(reason)s") % {"url": url, "reason": reason}])
