"""An edition's home page, the current edition at /, and the archive of all editions."""

from django.shortcuts import render

from events import queries
from events.models import Edition


def home(request):
    edition = Edition.objects.current()
    if edition is None:
        return render(request, "events/no_edition.html", status=200)
    return _render_edition_home(request, edition, is_site_home=True)


def edition_home(request, year):
    return _render_edition_home(request, queries.published_edition(year), is_site_home=False)


def _render_edition_home(request, edition, *, is_site_home):
    context = {
        "edition": edition,
        "is_site_home": is_site_home,
        "role_groups": queries.group_roles(queries.organizer_roles(edition)),
        "topics": list(edition.topics.all()),
        "sub_forums": list(queries.sub_forums(edition)),
        "keynote_speakers": list(queries.keynote_speakers(edition)),
        "news": list(queries.latest_news()),
    }
    return render(request, "events/edition_home.html", context)


def archive(request):
    editions = Edition.objects.published().select_related("host").order_by("-year")
    return render(request, "events/archive.html", {"editions": editions})
