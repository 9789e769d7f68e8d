"""Speaker cards for a page that already holds its speakers (a session's two or three).

Pages listing many speakers build their cards in the view, in one query (events/speaker_cards.py).
"""

from django import template

from events import speaker_cards
from events.models import Edition, SessionSpeaker

register = template.Library()


@register.filter
def session_speaker_cards(
    links: list[SessionSpeaker], edition: Edition
) -> list[speaker_cards.SpeakerCard]:
    """``session.ordered_speakers|session_speaker_cards:edition``: their speakers' cards."""
    return speaker_cards.loaded_speaker_cards([link.speaker for link in links], edition)
