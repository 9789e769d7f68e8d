"""A speaker card for a page that holds a speaker instance (a session's two or three speakers).

Pages with a grid of speakers build all their cards in the view (events/speaker_cards.py).
"""

from django import template

from events import speaker_cards
from events.models import Edition, Speaker

register = template.Library()


@register.filter
def speaker_card(speaker: Speaker, edition: Edition) -> speaker_cards.SpeakerCard:
    """``{% include "partials/speaker_card.html" with card=speaker|speaker_card:edition %}``"""
    return speaker_cards.speaker_card(speaker, edition)
