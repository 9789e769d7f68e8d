"""Which conference models keep a history of their changes (django-simple-history).

A historical model copies the fields its model has at the moment it is made. Declared as a
model attribute (``history = HistoricalRecords()``) it would be made when the model class is
prepared, before modeltranslation adds the per-language fields (``title_en``,
``title_zh_hans``) in ``events/translation.py``: the history would keep only the untranslated
column. So ``translation.py`` calls `register_history` once its own registrations are done, and
the historical tables hold every language. The admin side is ``common/admin/history.py``.
"""

import simple_history

from .models import (
    Edition,
    NewsArticle,
    Organization,
    OrganizerRole,
    Page,
    Room,
    Series,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    SubForum,
    Topic,
)

# Every model organizers edit in the admin. A session's speakers are SessionSpeaker rows,
# which keep their own history.
TRACKED_MODELS = (
    Series,
    Edition,
    Organization,
    OrganizerRole,
    Topic,
    Room,
    SubForum,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    NewsArticle,
    Page,
)

# Many-to-many fields whose state each historical version records too (for the diff and revert).
M2M_FIELDS = {SubForum: ["topics", "chairs"]}


def register_history() -> None:
    """Attach a history to each tracked model; call it after their translation fields exist."""
    for model in TRACKED_MODELS:
        simple_history.register(model, m2m_fields=M2M_FIELDS.get(model, ()))
