"""What the PDFs share: paragraph styles per language, the host's letterhead, QR codes drawn as
vectors, dates as formal documents write them, and the document's metadata.

Every ``render_*`` function runs inside ``translation.override(language)``: gettext and the
translated model fields (django-modeltranslation) then give that language's text.
"""

import datetime
import io
import logging

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Paragraph

from common.names import is_chinese
from events.models import Edition, Organization

from . import fonts

logger = logging.getLogger(__name__)

INK = colors.HexColor("#1b2433")
MUTED = colors.HexColor("#4a5568")
ACCENT = colors.HexColor("#0b3a75")

# Formal documents spell the month out; other languages use their own date format
# (Chinese: 2022年11月22日).
DOCUMENT_DATE_FORMATS = {"en": "j F Y"}


def pdf_language(language: str) -> str:
    """The document's language tag for readers and screen readers (``zh-Hans``)."""
    return translation.to_locale(language).replace("_", "-")


def long_date(value: datetime.date) -> str:
    language = translation.get_language() or "en"
    return formats.date_format(value, DOCUMENT_DATE_FORMATS.get(language, "DATE_FORMAT"))


def date_range(edition: Edition) -> str:
    if edition.start_date == edition.end_date:
        return long_date(edition.start_date)
    return _("%(start)s – %(end)s") % {
        "start": long_date(edition.start_date),
        "end": long_date(edition.end_date),
    }


def styles(
    language: str, face: fonts.Face = fonts.TEXT, *, scale: float = 1.0
) -> dict[str, ParagraphStyle]:
    """Paragraph styles; Chinese text may break between any two characters. ``scale`` below 1
    sets every size and space smaller, for a document that must keep to one page."""
    sized = _scaled(_styles(language, face), scale) if scale != 1.0 else _styles(language, face)
    return sized


def _scaled(named: dict[str, ParagraphStyle], scale: float) -> dict[str, ParagraphStyle]:
    for style in named.values():
        for attribute in ("fontSize", "leading", "spaceBefore", "spaceAfter"):
            setattr(style, attribute, getattr(style, attribute) * scale)
    return named


def _styles(language: str, face: fonts.Face) -> dict[str, ParagraphStyle]:
    fonts.coverage()  # the styles name fonts that must be registered before they are used
    wrap = "CJK" if is_chinese(language) else None
    body = ParagraphStyle(
        "body",
        fontName=face.regular,
        fontSize=10,
        leading=15,
        textColor=INK,
        wordWrap=wrap,
        spaceAfter=8,
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=12.5, spaceAfter=0),
        "value": ParagraphStyle(
            "value", parent=body, fontName=face.bold, fontSize=9.5, leading=12.5, spaceAfter=0
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=face.bold,
            fontSize=18,
            leading=24,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=14,
            textColor=ACCENT,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=face.bold,
            fontSize=13,
            leading=17,
            spaceBefore=10,
            spaceAfter=4,
            alignment=TA_LEFT,
            textColor=ACCENT,
        ),
    }


def paragraph(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped; non-Latin runs in the CJK font)."""
    content = fonts.markup(text, style.fontName)
    return Paragraph(f"<b>{content}</b>" if bold else content, style)


def draw_qr(canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code as filled squares in one path: sharp at any print size, no image involved."""
    rows = [list(row) for row in segno.make(data, error="m", micro=False).matrix_iter(border=2)]
    module = size / len(rows)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        top = y + size - (r + 1) * module
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + start * module, top, (c - start) * module, module)
            else:
                c += 1
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def logo_image(organization: Organization | None) -> ImageReader | None:
    """The organization's logo, or ``None`` when it has none or it cannot be read."""
    if organization is None or not organization.logo:
        return None
    try:
        with organization.logo.open("rb") as file:
            return ImageReader(io.BytesIO(file.read()))
    except Exception:  # a missing file or a format reportlab cannot read: print without it
        logger.warning("The logo of organization %s cannot be drawn.", organization.pk)
        return None


def draw_letterhead(canvas, edition: Edition, *, left: float, right: float, top: float) -> float:
    """The host institution's logo, name and address; returns the y below the rule."""
    host = edition.host
    name = host_name(edition)
    address = host.address if host else ""
    x = left
    logo = logo_image(host)
    if logo is not None:
        width, height = logo.getSize()
        logo_height = 16 * mm
        logo_width = min(logo_height * width / height, 40 * mm)
        canvas.drawImage(
            logo,
            left,
            top - logo_height,
            logo_width,
            logo_height,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
        x = left + logo_width + 5 * mm
    canvas.setFillColor(ACCENT)
    size = fonts.fit_size(name, fonts.TEXT.bold, width=right - x, size=15, smallest=9)
    fonts.draw(canvas, x, top - 7 * mm, name, font=fonts.TEXT.bold, size=size)
    canvas.setFillColor(MUTED)
    if address:
        size = fonts.fit_size(address, fonts.TEXT.regular, width=right - x, size=9, smallest=6)
        fonts.draw(canvas, x, top - 12.5 * mm, address, font=fonts.TEXT.regular, size=size)
    rule = top - 19 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(left, rule, right, rule)
    return rule


def describe(canvas, *, title: str, author: str, subject: str) -> None:
    """The PDF's metadata, which readers show and search, for documents drawn on a canvas."""
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("conference-site")


def host_name(edition: Edition) -> str:
    return edition.host.name if edition.host else edition.series.name
