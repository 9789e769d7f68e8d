"""Which cooperation texts visitors read in both languages (django-modeltranslation).

The items' history is registered at the end, once the per-language fields exist (the reason
is in events/history.py).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import CooperationItem, MeetingSession


@register(CooperationItem)
class CooperationItemTranslation(TranslationOptions):
    fields = ("title", "description")


@register(MeetingSession)
class MeetingSessionTranslation(TranslationOptions):
    fields = ("name", "room_name")


# Deleting an item (an attendee's erasure) takes its history along: no copy of the contact
# person outlives it. Sessions are organizers' settings and keep theirs.
simple_history.register(CooperationItem, m2m_fields=["topics"], cascade_delete_history=True)
simple_history.register(MeetingSession)
