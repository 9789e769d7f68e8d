"""Sensitive values as the attendee's personal link shows them: their last characters only.

The fields declared `Use.MASKED` (passport number, date of birth) are reachable by anyone who
holds the personal link, which never expires and travels by email. They are shown masked, so the
attendee can tell that something is stored and which document it was, and nobody else reads it.
"""

import datetime

MASK = "•"
# Characters left visible at most: enough to recognize one's own passport, not to use it.
VISIBLE = 4


def masked(value) -> str:
    """``value`` with all but its last few characters hidden; "" when nothing is stored.

    A date shows none of its digits: its last characters would be the day of birth.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return f"{MASK * 4}-{MASK * 2}-{MASK * 2}"
    text = str(value)
    visible = min(VISIBLE, len(text) // 2)
    return MASK * 5 + (text[-visible:] if visible else "")
