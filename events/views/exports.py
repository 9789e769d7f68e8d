"""The program as files: iCalendar for calendar apps, frab XML and JSON for conference apps.

The whole edition's files are built ahead by the worker and served as stored
(``views.edition_files``): three queries, whatever the size of the program. A sub-forum's or a
session's calendar is drawn in the request, at a fixed number of queries (the edition, the
sessions with rooms and sub-forums, their speakers). Anyone may read them from any site (CORS), as
they hold only what the public program pages show.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from events import queries
from events.exports import ical

from .agenda import selection
from .edition_files import edition_file


def _file_response(
    content, *, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _calendar_response(calendar, filename: str) -> HttpResponse:
    return _file_response(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8", filename=filename
    )


def program_ical(request, year):
    return edition_file(request, queries.published_edition(year), "program.ics")


def sub_forum_ical(request, year, slug):
    edition = queries.published_edition(year)
    sub_forum = get_object_or_404(edition.sub_forums, slug=slug)
    sessions = queries.program_sessions(edition).filter(sub_forum=sub_forum)
    name = f"{sub_forum.title} · {edition}"
    calendar = ical.calendar(edition=edition, sessions=sessions, name=name)
    return _calendar_response(calendar, f"program-{edition.year}-{sub_forum.slug}.ics")


def session_ical(request, year, pk):
    edition = queries.published_edition(year)
    session = queries.session_with_speakers(edition, pk)
    calendar = ical.calendar(edition=edition, sessions=[session], name=session.title)
    return _calendar_response(calendar, f"session-{session.pk}.ics")


def agenda_ical(request, year):
    """The sessions a visitor starred (``?s=12,15,40``), for a calendar app to subscribe to."""
    edition = queries.published_edition(year)
    ids, error = selection(request)
    if error:
        context = {"edition": edition, "error": error, "entries": []}
        return render(request, "events/agenda.html", context, status=400)
    sessions = queries.program_sessions(edition).filter(pk__in=ids) if ids else []
    name = _("My agenda · %(edition)s") % {"edition": edition}
    calendar = ical.calendar(edition=edition, sessions=sessions, name=name)
    return _calendar_response(calendar, f"agenda-{edition.year}.ics")


def schedule_xml(request, year):
    return edition_file(request, queries.exported_edition(year), "schedule.xml")


def schedule_json(request, year):
    return edition_file(request, queries.exported_edition(year), "schedule.json")
