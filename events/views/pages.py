"""Pages organizers write in the admin: the series' (/about/) and an edition's (/2022/venue/)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from events.models import Page


def page_detail(request, slug):
    """A page of the series; where there is none, the current edition's page of that name
    (/venue/ leads to this year's venue)."""
    pages = Page.objects.filter(is_published=True, slug=slug).select_related("edition")
    page = pages.filter(edition__isnull=True).first()
    if page is not None:
        return render(request, "events/page.html", {"page": page})
    current = pages.filter(edition__is_current=True, edition__is_published=True).first()
    if current is None:
        raise Http404
    return redirect(current.get_absolute_url())


def edition_page(request, year, slug):
    page = get_object_or_404(
        Page.objects.filter(is_published=True, edition__is_published=True).select_related(
            "edition"
        ),
        edition__year=year,
        slug=slug,
    )
    return render(request, "events/page.html", {"page": page, "edition": page.edition})
