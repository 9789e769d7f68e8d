"""An edition's home page, the current edition at /, and the archive of all editions."""

from django.shortcuts import render
from django.utils import timezone

from events import queries, structured_data
from events.models import Edition
from events.speaker_cards import speaker_cards


def home(request):
    edition = Edition.objects.select_related("host").current()
    if edition is None:
        return render(request, "events/no_edition.html", status=200)
    return _render_edition_home(request, edition, is_site_home=True)


def edition_home(request, year):
    return _render_edition_home(request, queries.published_edition(year), is_site_home=False)


def _registration_state(edition, now=None) -> str | None:
    """The home page's registration notice: upcoming, open or closed; None without a window."""
    if not edition.registration_opens or not edition.registration_closes:
        return None
    now = now or timezone.now()
    if now < edition.registration_opens:
        return "upcoming"
    return "open" if edition.registration_is_open(now) else "closed"


def _render_edition_home(request, edition, *, is_site_home):
    roles = queries.organizer_roles(edition)
    keynote_cards = speaker_cards(queries.keynote_speakers(edition), edition)
    context = {
        "edition": edition,
        "is_site_home": is_site_home,
        "registration_state": _registration_state(edition),
        "role_groups": queries.group_roles(roles),
        "topics": list(edition.topics.all()),
        "sub_forums": list(queries.sub_forums(edition)),
        "keynote_cards": keynote_cards,
        "news": list(queries.latest_news(edition)),
        "structured_data": structured_data.edition_event(
            edition, roles=roles, keynote_speakers=keynote_cards
        ),
    }
    return render(request, "events/edition_home.html", context)


def archive(request):
    editions = queries.published_editions()
    return render(request, "events/archive.html", {"editions": editions})
