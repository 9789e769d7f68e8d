"""Registration figures for the pages of the `events` app, which may not import `attendees`.

``{% load attendee_figures %}{% registration_figures edition as figures %}`` gives the home
page's headline figures (countries, experts and scholars, postgraduates): each the number
organizers entered on the edition, or else the number counted from its registrations.
"""

from django import template

from events.models import Edition

from ..stats import HeadlineFigures, headline_figures

register = template.Library()


@register.simple_tag
def registration_figures(edition: Edition) -> HeadlineFigures:
    return headline_figures(edition)
