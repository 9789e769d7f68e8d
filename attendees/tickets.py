"""Tickets: the signed code in an attendee's QR code, and reading it back at the check-in desk.

The QR code holds ``<ticket code>:<signature>``, so a code cannot be made up or altered. Staff
may also type the bare ticket code printed under the QR code when a phone screen will not scan;
it is random and long enough that guessing one is not practical.
"""

import io

import segno
from django.core import signing

from .models import TICKET_ALPHABET, Registration

TICKET_SALT = "attendees.tickets"

_signer = signing.Signer(salt=TICKET_SALT)


class UnknownTicket(Exception):
    """The scanned or typed text is not a ticket of this site."""


def payload(registration: Registration) -> str:
    return _signer.sign(registration.ticket_code)


def code_from_scan(text: str) -> str:
    """The ticket code in what a scanner or a person typed; raises `UnknownTicket`."""
    text = text.strip()
    if ":" in text:
        try:
            return _signer.unsign(text)
        except signing.BadSignature as error:
            raise UnknownTicket from error
    # Typed by hand: forgive case, spaces and dashes used to group the characters.
    code = "".join(ch for ch in text.upper() if ch not in " -")
    if not code or any(ch not in TICKET_ALPHABET for ch in code):
        raise UnknownTicket
    return code


def display_code(registration: Registration) -> str:
    """The code grouped for reading aloud: ``K7QF-9M2X-AB``."""
    code = registration.ticket_code
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _qr(registration: Registration):
    return segno.make(payload(registration), error="m", micro=False)


def qr_svg(registration: Registration) -> str:
    """The QR code as an SVG ``data:`` address for an <img>, sized by CSS."""
    return _qr(registration).svg_data_uri(scale=4, border=2, omitsize=True, light="#fff")


def qr_png(registration: Registration) -> bytes:
    buffer = io.BytesIO()
    _qr(registration).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
