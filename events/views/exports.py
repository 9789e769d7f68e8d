"""The program as files: iCalendar for calendar apps, frab XML and JSON for conference apps.

Each costs a fixed number of queries (the edition, the sessions with rooms and sub-forums, their
speakers, and for frab the sub-forums as tracks). Anyone may read them from any site (CORS), as
they hold only what the public program pages show.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from events import queries
from events.exports import ical
from events.exports.frab import FrabSchedule


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
    edition = queries.published_edition(year)
    sessions = queries.program_sessions(edition)
    calendar = ical.calendar(edition=edition, sessions=sessions, name=edition.title)
    return _calendar_response(calendar, f"program-{edition.year}.ics")


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


def _frab_schedule(year) -> FrabSchedule:
    edition = queries.exported_edition(year)
    return FrabSchedule(
        edition=edition,
        sessions=list(queries.program_sessions(edition)),
        sub_forums=list(edition.sub_forums.order_by("order", "pk")),
    )


def schedule_xml(request, year):
    schedule = _frab_schedule(year)
    return _file_response(
        schedule.to_xml(),
        content_type="application/xml; charset=utf-8",
        filename=f"schedule-{year}.xml",
        inline=True,
    )


def schedule_json(request, year):
    schedule = _frab_schedule(year)
    return _file_response(
        schedule.to_json(),
        content_type="application/json; charset=utf-8",
        filename=f"schedule-{year}.json",
        inline=True,
    )
