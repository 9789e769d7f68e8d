"""Who speaks at an edition."""

from django.http import Http404
from django.shortcuts import render

from events import program_listing, queries, structured_data
from events.speaker_cards import speaker_cards


def speaker_list(request, year):
    edition = queries.published_edition(year)
    cards = speaker_cards(queries.edition_speakers(edition), edition)
    return render(request, "events/speaker_list.html", {"edition": edition, "cards": cards})


def speaker_detail(request, year, slug):
    edition = queries.published_edition(year)
    speaker = queries.edition_speaker(edition, slug)
    if speaker is None:
        raise Http404
    sessions = program_listing.session_rows(queries.speaker_sessions(speaker, edition), edition)
    chaired = list(speaker.chaired_sub_forums.filter(edition=edition).order_by("order"))
    context = {
        "edition": edition,
        "speaker": speaker,
        "sessions": sessions,
        "chaired": chaired,
        "structured_data": structured_data.speaker_person(speaker, edition),
    }
    return render(request, "events/speaker_detail.html", context)
