"""The query-string filters shared by the list endpoints; unknown values are a 400."""

import datetime

from django.http import Http404
from ninja import Query
from ninja.errors import HttpError

from events import queries
from events.forms import ProgramFilterForm
from events.models import Edition, SubForum

# Slugs as Django's slug converter reads them; anything else is refused before a query.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# Years as the edition's year column holds them.
EDITION = Query(None, ge=1, le=32767, description="Only this edition (its year).", example=2022)


def edition_filter(year: int) -> Edition:
    try:
        return queries.published_edition(year)
    except Http404:
        raise HttpError(400, f"edition: there is no published edition {year}.") from None


def filter_sessions(
    sessions, *, year: int | None, sub_forum: str | None, day: datetime.date | None
):
    """Narrow sessions to an edition and, within it, a sub-forum (or plenary) and a local day.

    Sub-forum and day are checked by the program page's own form, so both read the same way.
    """
    if year is None:
        if sub_forum or day:
            raise HttpError(400, "sub_forum and day filter within an edition: add edition=YEAR.")
        return sessions
    edition = edition_filter(year)
    sessions = sessions.filter(edition=edition)
    if not (sub_forum or day):
        return sessions
    forums = list(SubForum.objects.filter(edition=edition)) if sub_forum else []
    data = {"sub_forum": sub_forum or "", "day": day.isoformat() if day else ""}
    form = ProgramFilterForm(data, edition=edition, sub_forums=forums, rooms=[])
    if not form.is_valid():
        raise HttpError(
            400,
            "; ".join(
                f"{field}: {message}" for field, errors in form.errors.items() for message in errors
            ),
        )
    return form.filter(sessions, edition)
