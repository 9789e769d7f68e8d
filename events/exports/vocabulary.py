"""Names the exports give to what the model leaves empty, shared with the import.

A plenary session has no sub-forum and some sessions have no room yet, but the frab format wants
a track and a room for every event. The exports fill them with these translated labels; the
import reads the same labels, in either language, back as "no sub-forum" and "no room", so a
program survives a round trip unchanged.
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.models import Mode, Session
from events.models.program import LANGUAGE_CODES

PLENARY = _("Plenary")
ONLINE = _("Online")
ROOM_TO_BE_ANNOUNCED = _("Room to be announced")
# The titles the exports give a session's public livestream and replay among its links.
LIVESTREAM = _("Livestream")
REPLAY = _("Replay")

# Words other tools use for a session's type, beyond our own kinds and their labels (frab's
# "lecture", pretalx's "Talk", the c3voc examples).
_TYPE_SYNONYMS = {
    "lecture": Session.Kind.TALK,
    "presentation": Session.Kind.TALK,
    "invited": Session.Kind.TALK,
    "invited-talk": Session.Kind.TALK,
    "keynote-speech": Session.Kind.KEYNOTE,
    "discussion": Session.Kind.PANEL,
    "panel-discussion": Session.Kind.PANEL,
    "podium": Session.Kind.PANEL,
    "hands-on": Session.Kind.WORKSHOP,
    "lightning-talk": Session.Kind.LIGHTNING_TALK,
    "lightning-talks": Session.Kind.LIGHTNING_TALK,
    "lightning": Session.Kind.LIGHTNING_TALK,
    "concert": Session.Kind.PERFORMANCE,
    "pause": Session.Kind.BREAK,
    "coffee-break": Session.Kind.COFFEE_BREAK,
    "tea-break": Session.Kind.COFFEE_BREAK,
    "lunch-break": Session.Kind.LUNCH,
    "banquet": Session.Kind.DINNER,
    "opening-ceremony": Session.Kind.OPENING,
    "welcome": Session.Kind.OPENING,
    "closing-ceremony": Session.Kind.CLOSING,
}


def in_every_language(label) -> set[str]:
    """``label`` as each configured language reads it, case-folded for comparison."""
    words = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(str(label).casefold())
    return words


def plenary_words() -> set[str]:
    return in_every_language(PLENARY)


def no_room_words() -> set[str]:
    return in_every_language(ONLINE) | in_every_language(ROOM_TO_BE_ANNOUNCED)


def track_name(session: Session) -> str:
    """The frab track of ``session``: its sub-forum, or "Plenary"."""
    return session.sub_forum.title if session.sub_forum_id else str(PLENARY)


def room_name(session: Session) -> str:
    """The frab room of ``session``, with a label where it has none yet."""
    if session.room_id:
        return session.room.name
    return str(ONLINE if session.delivery == Mode.ONLINE else ROOM_TO_BE_ANNOUNCED)


def _type_key(value: str) -> str:
    return slugify(value) or value.strip().casefold()


def kinds_by_type() -> dict[str, Session.Kind]:
    """frab ``type`` words ("keynote", "Talk", "Panel discussion", "主旨报告"…) to our kinds.

    Build it once per import: it reads every kind's label in every language.
    """
    table = dict(_TYPE_SYNONYMS)
    for kind in Session.Kind:
        for word in in_every_language(kind.label):
            table[_type_key(word)] = kind
        table[kind.value] = kind
    return table


def kind_from_type(value: str, table: dict[str, Session.Kind]) -> Session.Kind:
    """Our kind for a frab ``type``; one we do not know becomes "Other" (see `kind_and_name`)."""
    return table.get(_type_key(value or ""), Session.Kind.OTHER)


def kind_and_name(value: str, table: dict[str, Session.Kind]) -> tuple[str, str]:
    """Our kind for a frab ``type`` and, for a type we do not know, its own name, kept as the
    file wrote it ("Hackathon" stays "Hackathon", not a bare "Other")."""
    value = (value or "").strip()
    kind = kind_from_type(value, table)
    if kind == Session.Kind.OTHER and _type_key(value) != Session.Kind.OTHER:
        return kind, value[: Session._meta.get_field("kind_name").max_length]
    return kind, ""


def language_code(value: str) -> str:
    """A session language from a file's code ("de", "en-US", "zh", "zh_CN") as the session's
    choices spell it ("de", "en", "zh"); "" for an empty or unknown code."""
    code = (value or "").strip().lower().replace("_", "-")
    if code in LANGUAGE_CODES:
        return code
    # "zh-Hans", "zh-CN", "zh-TW": Chinese, whatever the script or region.
    primary = code.split("-")[0]
    return primary if primary in LANGUAGE_CODES else ""
