"""Pages organizers write in the admin (About, Venue, Contact, ...)."""

from django.shortcuts import get_object_or_404, render

from events.models import Page


def page_detail(request, slug):
    page = get_object_or_404(Page.objects.filter(is_published=True), slug=slug)
    return render(request, "events/page.html", {"page": page})
