"""Who speaks at an edition."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from events import queries, structured_data


def speaker_list(request, year):
    edition = queries.published_edition(year)
    speakers = list(queries.edition_speakers(edition))
    return render(request, "events/speaker_list.html", {"edition": edition, "speakers": speakers})


def speaker_detail(request, year, slug):
    edition = queries.published_edition(year)
    speaker = queries.edition_speakers(edition).filter(slug=slug).first()
    if speaker is None:
        raise Http404
    sessions = list(queries.speaker_sessions(speaker, edition))
    for session in sessions:
        session.local_start = timezone.localtime(session.start, edition.tzinfo)
        session.local_end = timezone.localtime(session.end, edition.tzinfo)
    chaired = list(speaker.chaired_sub_forums.filter(edition=edition).order_by("order"))
    context = {
        "edition": edition,
        "speaker": speaker,
        "sessions": sessions,
        "chaired": chaired,
        "structured_data": structured_data.speaker_person(speaker, edition),
    }
    return render(request, "events/speaker_detail.html", context)
