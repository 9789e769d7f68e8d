"""The program as a timetable: a grid per day, rooms side by side."""

from django.shortcuts import render

from events import program_listing, queries, timetable


def timetable_page(request, year):
    edition = queries.published_edition(year)
    rows = program_listing.session_rows(queries.edition_sessions(edition), edition)
    context = {"edition": edition, "days": timetable.grids(rows)}
    return render(request, "events/timetable.html", context)
