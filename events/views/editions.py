"""An edition's home page, the current edition at /, and the archive of all editions."""

from django.shortcuts import render

from events import queries, structured_data
from events.models import Edition
from events.speaker_cards import loaded_speaker_cards


def home(request):
    edition = Edition.objects.select_related("host").current()
    if edition is None:
        return render(request, "events/no_edition.html", status=200)
    return _render_edition_home(request, edition, is_site_home=True)


def edition_home(request, year):
    return _render_edition_home(request, queries.published_edition(year), is_site_home=False)


def _render_edition_home(request, edition, *, is_site_home):
    roles = queries.organizer_roles(edition)
    featured = queries.featured_sessions(edition)
    cards = loaded_speaker_cards(queries.featured_speakers(featured), edition)
    context = {
        "edition": edition,
        "is_site_home": is_site_home,
        "registration_state": edition.registration_phase(),
        "role_groups": queries.group_roles(roles),
        "topics": list(edition.topics.all()),
        "sub_forums": list(queries.home_sub_forums(edition)),
        "featured_sessions": featured,
        "speaker_cards": cards,
        "news": list(queries.latest_news(edition)),
        "structured_data": structured_data.edition_event(
            edition, roles=roles, keynote_speakers=cards
        ),
    }
    return render(request, "events/edition_home.html", context)


def archive(request):
    editions = queries.published_editions()
    return render(request, "events/archive.html", {"editions": editions})
