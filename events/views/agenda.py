"""A visitor's personal agenda and its calendar, from the sessions named in the address."""

from django.shortcuts import render
from django.urls import reverse

from events import agenda, program_listing, queries
from events.exports.links import calendar_links


def selection(request) -> tuple[list[int], str | None]:
    """The session ids of ``?s=``, or a translated message saying why they cannot be read."""
    try:
        return agenda.parse_selection(request.GET.get("s", "")), None
    except agenda.SelectionError as error:
        return [], error.message


def agenda_page(request, year):
    edition = queries.published_edition(year)
    ids, error = selection(request)
    rows = []
    if ids:
        sessions = queries.edition_sessions(edition).filter(pk__in=ids)
        rows = program_listing.session_rows(sessions, edition)
    context = {"edition": edition, "error": error, "entries": agenda.entries(rows)}
    if rows:
        path = reverse("events:agenda_ical", kwargs={"year": edition.year})
        context["calendar"] = calendar_links(f"{path}?s={agenda.selection_text(rows)}")
    return render(request, "events/agenda.html", context, status=400 if error else 200)
