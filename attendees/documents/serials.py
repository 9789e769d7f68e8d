"""Serial numbers as people read and type them, the address that verifies them, and the
little of the holder's name that the public verification page shows.

Serials are made by `attendees.models.new_serial`: 16 random characters of the ticket alphabet.
"""

import unicodedata

from django.utils import translation

from .. import links
from ..models import SERIAL_LENGTH, TICKET_ALPHABET, IssuedDocument


def normalize(text: str) -> str | None:
    """The stored form of a typed or scanned serial (case, spaces and dashes forgiven)."""
    serial = "".join(char for char in text.upper() if char not in " -")
    if len(serial) != SERIAL_LENGTH or any(char not in TICKET_ALPHABET for char in serial):
        return None
    return serial


def verification_url(document: IssuedDocument, language: str) -> str:
    """The absolute address of the verification page, in ``language`` (the QR code's content)."""
    with translation.override(language):
        return links.absolute(document.get_absolute_url())


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


# IssuedDocument.holder_initials holds this many characters.
MAX_INITIALS = 40


def initials(name: str) -> str:
    """What verification reveals of a name: "Hans Müller" → "H. M.", "王建国" → "王*".

    A name in Chinese (or Japanese, Korean) characters shows its first character, usually the
    family name, and a star; a name in Latin or another alphabet the first letter of each word
    ("Jean-Pierre Dupont" → "J.-P. D.").
    """
    name = " ".join(name.split())
    if not name:
        return ""
    if _is_cjk(name[0]):
        return f"{name[0]}*"
    words = []
    for word in name.split(" "):
        parts = [part for part in word.split("-") if part]
        letters = [next((c for c in part if c.isalpha()), "") for part in parts]
        words.append("-".join(f"{letter.upper()}." for letter in letters if letter))
    # Whole words only, as many as the stored initials hold (a 200-character name has many).
    kept = ""
    for word in (word for word in words if word):
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > MAX_INITIALS:
            break
        kept = candidate
    return kept
