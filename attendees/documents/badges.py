"""Name badges: print-ready A4 sheets of eight badges (2 × 4, 90 × 65 mm) with crop marks.

Each badge has a band in the colour of the attendee's category, with the category's name
printed on it (in English and Chinese) so that colour is never the only sign; the role of
speakers and chairs; the name, large, and the name in its original script; organization and
country; and the check-in QR code, the same signed code as the ticket (`attendees.tickets`).
"""

import io
from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .. import tickets
from ..models import AttendeeRole, Category, Registration
from . import fonts, layout

PAGE_WIDTH, PAGE_HEIGHT = A4
BADGE_WIDTH, BADGE_HEIGHT = 90 * mm, 65 * mm
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
GRID_LEFT = (PAGE_WIDTH - COLUMNS * BADGE_WIDTH) / 2
GRID_BOTTOM = (PAGE_HEIGHT - ROWS * BADGE_HEIGHT) / 2
PADDING = 5 * mm
BAND_HEIGHT = 14 * mm
QR_SIZE = 22 * mm
CROP_MARK = 5 * mm

# Dark enough for white text (contrast 7:1 or more); the category's name is printed as well.
CATEGORY_COLOURS = {
    Category.EXPERT: "#0b3a75",
    Category.POSTGRADUATE: "#1d6b3a",
    Category.INDUSTRY: "#8a4b00",
    Category.GOVERNMENT: "#8b1a1a",
    Category.PRESS: "#5b2a86",
    Category.OTHER: "#4a4f57",
}


def in_every_language(label) -> str:
    """A lazy label in each language of the site, once each: "Speaker · 报告人"."""
    texts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = str(label)
        if text not in texts:
            texts.append(text)
    return " · ".join(texts)


def render_badges(registrations: Iterable[Registration]) -> bytes:
    """An A4 PDF with a badge for each registration, in the order given."""
    fonts.coverage()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, lang=layout.pdf_language(translation.get_language()))
    registrations = list(registrations)
    for start in range(0, len(registrations), PER_PAGE):
        _draw_crop_marks(canvas)
        for index, registration in enumerate(registrations[start : start + PER_PAGE]):
            column, row = index % COLUMNS, index // COLUMNS
            x = GRID_LEFT + column * BADGE_WIDTH
            y = GRID_BOTTOM + (ROWS - 1 - row) * BADGE_HEIGHT
            _draw_badge(canvas, registration, x, y)
        canvas.showPage()
    edition = registrations[0].edition if registrations else None
    layout.describe(
        canvas,
        title=_("Name badges"),
        author=layout.host_name(edition) if edition else "",
        subject=edition.title if edition else "",
    )
    canvas.save()
    return buffer.getvalue()


def _draw_crop_marks(canvas) -> None:
    """Short lines outside the grid where the cuts go (the badges touch, one cut between two)."""
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.3)
    top = GRID_BOTTOM + ROWS * BADGE_HEIGHT
    right = GRID_LEFT + COLUMNS * BADGE_WIDTH
    gap = 2 * mm
    for column in range(COLUMNS + 1):
        x = GRID_LEFT + column * BADGE_WIDTH
        canvas.line(x, top + gap, x, top + gap + CROP_MARK)
        canvas.line(x, GRID_BOTTOM - gap, x, GRID_BOTTOM - gap - CROP_MARK)
    for row in range(ROWS + 1):
        y = GRID_BOTTOM + row * BADGE_HEIGHT
        canvas.line(GRID_LEFT - gap, y, GRID_LEFT - gap - CROP_MARK, y)
        canvas.line(right + gap, y, right + gap + CROP_MARK, y)


def _draw_badge(canvas, registration: Registration, x: float, y: float) -> None:
    face = fonts.TEXT
    top = y + BADGE_HEIGHT
    inner = BADGE_WIDTH - 2 * PADDING

    canvas.setFillColor(colors.HexColor(CATEGORY_COLOURS.get(registration.category, "#4a4f57")))
    canvas.rect(x, top - BAND_HEIGHT, BADGE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    category = in_every_language(Category(registration.category).label)
    role = ""
    if registration.role != AttendeeRole.ATTENDEE:
        role = in_every_language(AttendeeRole(registration.role).label)
    band_text = f"{category}  |  {role}" if role else category
    size = fonts.fit_size(band_text, face.bold, width=inner, size=10.5, smallest=6)
    fonts.draw(canvas, x + PADDING, top - 8.8 * mm, band_text, font=face.bold, size=size)

    canvas.setFillColor(layout.INK)
    name_size = fonts.fit_size(registration.name, face.bold, width=inner, size=20, smallest=9)
    fonts.draw(
        canvas, x + PADDING, top - 23 * mm, registration.name, font=face.bold, size=name_size
    )
    if registration.name_original and registration.name_original != registration.name:
        size = fonts.fit_size(
            registration.name_original, face.regular, width=inner, size=15, smallest=8
        )
        fonts.draw(
            canvas,
            x + PADDING,
            top - 30.5 * mm,
            registration.name_original,
            font=face.regular,
            size=size,
        )

    text_width = inner - QR_SIZE - 3 * mm
    style = ParagraphStyle(
        "organization",
        fontName=face.regular,
        fontSize=9,
        leading=11,
        textColor=layout.INK,
        wordWrap="CJK",
    )
    organization = layout.paragraph(registration.organization, style)
    _w, height = organization.wrapOn(canvas, text_width, 12 * mm)
    if height > 23:  # more than two lines: smaller, rather than cut
        style.fontSize, style.leading = 7.5, 9
        organization = layout.paragraph(registration.organization, style)
        _w, height = organization.wrapOn(canvas, text_width, 12 * mm)
    organization.drawOn(canvas, x + PADDING, top - 36 * mm - height)

    canvas.setFillColor(layout.MUTED)
    country = registration.country.name if registration.country else ""
    fonts.draw(
        canvas,
        x + PADDING,
        y + 12 * mm,
        country,
        font=face.regular,
        size=fonts.fit_size(country, face.regular, width=text_width, size=8.5, smallest=6),
    )
    edition = registration.edition
    short_title = edition.short_title or edition.title
    fonts.draw(
        canvas,
        x + PADDING,
        y + 5 * mm,
        short_title,
        font=face.regular,
        size=fonts.fit_size(short_title, face.regular, width=text_width, size=7, smallest=5),
    )

    qr_x = x + BADGE_WIDTH - PADDING - QR_SIZE
    layout.draw_qr(canvas, tickets.payload(registration), qr_x, y + 5.5 * mm, QR_SIZE)
    canvas.setFillColor(layout.INK)
    fonts.draw(
        canvas,
        qr_x + QR_SIZE / 2,
        y + 2.6 * mm,
        tickets.display_code(registration),
        font=face.regular,
        size=6.5,
        align="center",
    )
