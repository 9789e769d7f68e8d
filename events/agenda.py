"""A visitor's personal agenda: the sessions they starred, carried in the address, never stored.

The starred sessions live in the visitor's browser (static/js/agenda.js); the agenda page and its
calendar read them from ``?s=12,15,40``, so the server keeps nothing about anyone and a calendar
app can subscribe to the same address.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .program_listing import SessionRow

# More sessions than anyone attends in a week of parallel tracks, and an address well within what
# browsers, proxies and calendar apps accept.
MAX_SESSIONS = 200
MAX_LENGTH = MAX_SESSIONS * 8


class SelectionError(ValueError):
    """A selection the agenda cannot read; ``message`` is translated for the visitor."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_selection(raw: str) -> list[int]:
    """``"12,15,40"`` as session ids in the given order, each once (empty for an empty text)."""
    raw = raw.strip()
    if not raw:
        return []
    if len(raw) > MAX_LENGTH:
        raise SelectionError(_("This agenda lists too many sessions."))
    ids: dict[int, None] = {}
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isascii() or not part.isdigit() or len(part) > 12:
            raise SelectionError(
                _("This agenda address is not valid: “%(part)s” is not a session.")
                % {"part": part[:20]}
            )
        ids[int(part)] = None
    if len(ids) > MAX_SESSIONS:
        raise SelectionError(_("This agenda lists too many sessions."))
    return list(ids)


def selection_text(rows: list[SessionRow]) -> str:
    """The ``s`` parameter that selects ``rows``."""
    return ",".join(str(row.pk) for row in rows)


@dataclass(slots=True)
class AgendaEntry:
    session: SessionRow
    clashes_with: list[SessionRow]


def entries(rows: list[SessionRow]) -> list[AgendaEntry]:
    """``rows`` (in time order) each with the chosen sessions it overlaps."""
    spans = [
        (
            datetime.datetime.fromisoformat(row.start_iso),
            datetime.datetime.fromisoformat(row.end_iso),
        )
        for row in rows
    ]
    result = [AgendaEntry(row, []) for row in rows]
    for i, (start, end) in enumerate(spans):
        for j in range(i + 1, len(rows)):
            other_start, other_end = spans[j]
            if other_start >= end:
                break
            if other_end > start:
                result[i].clashes_with.append(rows[j])
                result[j].clashes_with.append(rows[i])
    return result
