"""Registration for the pages of the `events` app, which may not import `attendees`.

``{% load registration_call %}{% on_site_seats_full edition as seats_full %}`` tells the home and
edition pages whether every on-site seat is taken, so they can say that new registrations join
the waitlist (the pages' cache follows the ``REGISTRATIONS`` scope, which registrations replace).
"""

from django import template

from events.models import Edition

from ..models import AttendanceMode, Registration

register = template.Library()


@register.simple_tag
def on_site_seats_full(edition: Edition) -> bool:
    """True while registration is open and every on-site seat is held (one query, none without
    a capacity or outside the registration window)."""
    if edition.on_site_capacity is None or not edition.registration_is_open():
        return False
    held = (
        Registration.objects.holding_place()
        .filter(edition=edition, mode=AttendanceMode.ON_SITE)
        .count()
    )
    return held >= edition.on_site_capacity
