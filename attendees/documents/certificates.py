"""The certificate of attendance: one A4 landscape page per attendee, in one language.

Name (and the name in its original script), the conference, its city and dates, the part the
attendee played (participant, speaker, chair; on-site or online), the signatory, the date of
issue, the serial number and a QR code to the verification page. Who gets one is decided by
`attendees.services.issue_certificate`; organizers print many at once (`render_certificates`).
"""

import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from common.names import ordered_names

from ..models import AttendeeRole, IssuedDocument, Registration
from . import fonts, layout, serials
from .letters import signature_lines

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
QR_SIZE = 28 * mm


def role_noun(role: str) -> str:
    return {
        AttendeeRole.ATTENDEE: pgettext("role on a certificate", "participant"),
        AttendeeRole.SPEAKER: pgettext("role on a certificate", "speaker"),
        AttendeeRole.CHAIR: pgettext("role on a certificate", "chair"),
    }[role]


def display_names(registration: Registration, language: str) -> tuple[str, str]:
    """(the name printed large, the other one below or ``""``), in the order of the site's pages.

    On a Chinese certificate a name written in Chinese characters comes first (王建国 above,
    "Wang Jianguo" below); otherwise the name as in the passport (`common.names`).
    """
    return ordered_names(registration.name, registration.name_original, language)


def render_certificate(document: IssuedDocument, language: str) -> bytes:
    """The certificate of ``document`` in ``language``, as PDF bytes."""
    return render_certificates([(document, language)])


def render_certificates(documents: Iterable[tuple[IssuedDocument, str]]) -> bytes:
    """One PDF, a page for each (certificate, language)."""
    buffer = io.BytesIO()
    documents = list(documents)
    first_language = documents[0][1] if documents else "en"
    canvas = Canvas(buffer, pagesize=landscape(A4), lang=layout.pdf_language(first_language))
    for document, language in documents:
        with translation.override(language):
            _draw(canvas, document, language)
        canvas.showPage()
    with translation.override(first_language):
        title = _("Certificate of attendance")
        if len(documents) == 1:
            title += f" {documents[0][0].display_serial}"
        edition = documents[0][0].edition if documents else None
        layout.describe(
            canvas,
            title=title,
            author=layout.host_name(edition) if edition else "",
            subject=edition.title if edition else "",
        )
    canvas.save()
    return buffer.getvalue()


def _draw_frame(canvas) -> None:
    canvas.setStrokeColor(layout.ACCENT)
    canvas.setLineWidth(2.2)
    canvas.rect(10 * mm, 10 * mm, PAGE_WIDTH - 20 * mm, PAGE_HEIGHT - 20 * mm)
    canvas.setLineWidth(0.6)
    canvas.rect(13 * mm, 13 * mm, PAGE_WIDTH - 26 * mm, PAGE_HEIGHT - 26 * mm)


def _centered(canvas, text: str, y: float, *, font: str, size: float, width: float) -> None:
    size = fonts.fit_size(text, font, width=width, size=size, smallest=size * 0.5)
    fonts.draw(canvas, PAGE_WIDTH / 2, y, text, font=font, size=size, align="center")


def _draw(canvas, document: IssuedDocument, language: str) -> None:
    registration = document.registration
    edition = document.edition
    face = fonts.TEXT
    width = PAGE_WIDTH - 70 * mm
    _draw_frame(canvas)

    logo = layout.logo_image(edition.host)
    if logo is not None:
        canvas.drawImage(
            logo,
            PAGE_WIDTH / 2 - 20 * mm,
            PAGE_HEIGHT - 40 * mm,
            40 * mm,
            16 * mm,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
    canvas.setFillColor(layout.MUTED)
    _centered(
        canvas,
        layout.host_name(edition),
        PAGE_HEIGHT - 47 * mm,
        font=face.regular,
        size=13,
        width=width,
    )
    canvas.setFillColor(layout.ACCENT)
    _centered(
        canvas,
        _("Certificate of attendance"),
        PAGE_HEIGHT - 66 * mm,
        font=face.bold,
        size=30,
        width=width,
    )
    canvas.setFillColor(layout.INK)
    _centered(
        canvas,
        _("This is to certify that"),
        PAGE_HEIGHT - 82 * mm,
        font=face.regular,
        size=14,
        width=width,
    )
    name, other_name = display_names(registration, language)
    _centered(canvas, name, PAGE_HEIGHT - 99 * mm, font=face.bold, size=30, width=width)
    if other_name:
        _centered(
            canvas, other_name, PAGE_HEIGHT - 110 * mm, font=face.regular, size=16, width=width
        )
    _draw_statement(canvas, registration, edition, language, top=PAGE_HEIGHT - 118 * mm)
    _draw_signature(canvas, edition)
    _draw_verification(canvas, document, language)


def _draw_statement(canvas, registration, edition, language, *, top: float) -> None:
    values = {
        "conference": edition.title,
        "city": edition.city,
        "dates": layout.date_range(edition),
        "role": role_noun(registration.role),
    }
    if registration.is_on_site:
        text = _("attended %(conference)s (%(city)s, %(dates)s) as a %(role)s.") % values
    else:
        text = _("took part online in %(conference)s (%(dates)s) as a %(role)s.") % values
    style = ParagraphStyle(
        "statement",
        parent=layout.styles(language)["body"],
        fontSize=15,
        leading=21,
        alignment=TA_CENTER,
    )
    statement = layout.paragraph(text, style)
    width = PAGE_WIDTH - 80 * mm
    _w, height = statement.wrapOn(canvas, width, 40 * mm)
    statement.drawOn(canvas, 40 * mm, top - height)


def _draw_signature(canvas, edition) -> None:
    left, y = 30 * mm, 44 * mm
    canvas.setStrokeColor(layout.INK)
    canvas.setLineWidth(0.6)
    canvas.line(left, y, left + 75 * mm, y)
    canvas.setFillColor(layout.INK)
    for i, line in enumerate(signature_lines(edition)):
        face = fonts.TEXT.bold if i == 0 else fonts.TEXT.regular
        size = fonts.fit_size(line, face, width=90 * mm, size=11, smallest=7)
        fonts.draw(canvas, left, y - 6 * mm - i * 5 * mm, line, font=face, size=size)


def _draw_verification(canvas, document: IssuedDocument, language: str) -> None:
    url = serials.verification_url(document, language)
    right = PAGE_WIDTH - 26 * mm
    layout.draw_qr(canvas, url, right - QR_SIZE, 24 * mm, QR_SIZE)
    issued = layout.long_date(document.issued_at.astimezone(document.edition.tzinfo).date())
    canvas.setFillColor(layout.MUTED)
    lines = [
        _("Date of issue: %(date)s") % {"date": issued},
        _("Serial number: %(serial)s") % {"serial": document.display_serial},
        _("Verify: %(url)s") % {"url": url},
    ]
    for i, line in enumerate(lines):
        fonts.draw(
            canvas,
            right - QR_SIZE - 5 * mm,
            44 * mm - i * 5 * mm,
            line,
            font=fonts.TEXT.regular,
            size=fonts.fit_size(line, fonts.TEXT.regular, width=120 * mm, size=9.5, smallest=6),
            align="right",
        )
