"""The program as a timetable: a grid per day, rooms side by side, one day a page (a large
edition's whole program would be megabytes)."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from events import program_listing, queries, timetable


def timetable_page(request, year, day=None):
    edition = queries.published_edition(year)
    days = edition.days
    chosen = _day(day, days)
    sessions = queries.edition_sessions(edition).for_day(chosen, edition)
    rows = program_listing.session_rows(sessions, edition)
    grids = timetable.grids(rows)
    context = {
        "edition": edition,
        "days": days,
        "day": chosen,
        "grid": grids[0] if grids else None,
    }
    return render(request, "events/timetable.html", context)


def _day(value: str | None, days: list[datetime.date]) -> datetime.date:
    """The day ``value`` names (``2022-11-22``), the first day without one; 404 off the program."""
    if value is None:
        return days[0]
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404(_("There is no such day in this program.")) from None
    if day not in days:
        raise Http404(_("There is no such day in this program."))
    return day
