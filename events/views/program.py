"""The program: by day with filters, sub-forums, and one session."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events import program_listing, queries, structured_data
from events.exports import links
from events.forms import ProgramFilterForm
from events.models import Room

# The query parameters the program page reads: its filters (the page cache keeps no other).
PROGRAM_FILTERS = tuple(ProgramFilterForm.base_fields)


def program(request, year):
    edition = queries.published_edition(year)
    sub_forums = list(queries.sub_forum_choices(edition))
    rooms = list(Room.objects.filter(sessions__edition=edition).distinct().order_by("name"))
    form = ProgramFilterForm(
        request.GET or None,
        edition=edition,
        sub_forums=sub_forums,
        rooms=rooms,
        languages=queries.session_languages(edition),
    )
    status = 400 if form.is_bound and not form.is_valid() else 200
    sessions = form.filter(queries.edition_sessions(edition), edition)
    rows = program_listing.session_rows(sessions, edition)
    context = {
        "edition": edition,
        "form": form,
        "days": program_listing.by_day(rows),
        "session_count": len(rows),
        "interchange": links.program_links(edition),
    }
    return render(request, "events/program.html", context, status=status)


def sub_forum_list(request, year):
    edition = queries.published_edition(year)
    context = {"edition": edition, "sub_forums": list(queries.sub_forums(edition))}
    return render(request, "events/sub_forum_list.html", context)


def sub_forum_detail(request, year, slug):
    edition = queries.published_edition(year)
    sub_forum = get_object_or_404(queries.sub_forums(edition), slug=slug)
    sessions = queries.edition_sessions(edition).filter(sub_forum=sub_forum)
    context = {
        "edition": edition,
        "sub_forum": sub_forum,
        "days": program_listing.by_day(program_listing.session_rows(sessions, edition)),
        "calendar": links.sub_forum_calendar(edition, sub_forum),
    }
    return render(request, "events/sub_forum_detail.html", context)


def session_detail(request, year, pk):
    edition = queries.published_edition(year)
    session = queries.session_with_speakers(edition, pk)
    session.local_start = timezone.localtime(session.start, edition.tzinfo)
    session.local_end = timezone.localtime(session.end, edition.tzinfo)
    context = {
        "edition": edition,
        "session": session,
        "structured_data": structured_data.session_event(session, edition),
        # The program's day it is listed under (a late-night session: the day before).
        "conference_day": edition.conference_day(session.start),
    }
    return render(request, "events/session_detail.html", context)
