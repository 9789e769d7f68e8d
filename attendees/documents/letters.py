"""The visa invitation letter: A4 on the host institution's letterhead, in one language.

It names the attendee as in their passport, with nationality, date of birth and passport
number, the conference, its dates and venue, the purpose of the visit, the signatory, and a
serial number with a QR code that opens the public verification page. Who may get one and
when is decided by `attendees.services.issue_visa_letter`; this module only draws it.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer, Table

from ..models import IssuedDocument, Registration
from . import fonts, layout, serials

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
TOP = PAGE_HEIGHT - 15 * mm
FOOTER_HEIGHT = 30 * mm
QR_SIZE = 24 * mm
# A letter is one page: long names, affiliations and addresses are set a little smaller until
# it fits, rather than leaving the signature alone on a second page.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66)


def render_visa_letter(document: IssuedDocument, language: str) -> bytes:
    """The letter of ``document`` (a visa letter) in ``language``, as PDF bytes, on one page
    where any of ``SCALES`` makes it fit."""
    for scale in SCALES:
        content, page_count = _render(document, language, scale)
        if page_count == 1:
            break
    return content


def _render(document: IssuedDocument, language: str, scale: float) -> tuple[bytes, int]:
    registration = document.registration
    with translation.override(language):
        buffer = io.BytesIO()
        edition = registration.edition
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=PAGE_HEIGHT - TOP + 25 * mm,
            bottomMargin=FOOTER_HEIGHT + 8 * mm,
            title=_("Visa invitation letter") + f" {document.display_serial}",
            author=layout.host_name(edition),
            subject=edition.title,
            creator="conference-site",
            lang=layout.pdf_language(language),
        )
        frame = Frame(
            doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
        )
        verify_url = serials.verification_url(document, language)

        def decorate(canvas, _doc):
            canvas.saveState()
            layout.draw_letterhead(canvas, edition, left=MARGIN, right=PAGE_WIDTH - MARGIN, top=TOP)
            _draw_footer(canvas, document, verify_url)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPage=decorate)])
        doc.build(_story(document, registration, language, verify_url, scale))
        return buffer.getvalue(), doc.page


def _draw_footer(canvas, document: IssuedDocument, verify_url: str) -> None:
    bottom = 14 * mm
    layout.draw_qr(canvas, verify_url, PAGE_WIDTH - MARGIN - QR_SIZE, bottom, QR_SIZE)
    canvas.setStrokeColor(colors.HexColor("#c5cbd6"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, bottom + QR_SIZE + 4 * mm, PAGE_WIDTH - MARGIN, bottom + QR_SIZE + 4 * mm)
    canvas.setFillColor(layout.MUTED)
    lines = [
        _("Serial number: %(serial)s") % {"serial": document.display_serial},
        _("Scan the QR code or open this address to verify the letter:"),
        verify_url,
    ]
    y = bottom + QR_SIZE - 6 * mm
    for line in lines:
        fonts.draw(canvas, MARGIN, y, line, font=fonts.TEXT.regular, size=8.5)
        y -= 4.5 * mm


def _details(registration: Registration, edition, styles) -> Table:
    """The attendee's particulars as a two-column table."""
    rows = [
        (_("Name (as in the passport)"), registration.name),
        (_("Name in original script"), registration.name_original),
        (_("Nationality"), registration.nationality.name if registration.nationality else ""),
        (
            _("Date of birth"),
            layout.long_date(registration.date_of_birth) if registration.date_of_birth else "",
        ),
        (_("Passport number"), registration.passport_number),
        (_("Organization"), registration.organization),
        (_("Position"), registration.position),
        (
            _("Purpose of the visit"),
            _("To attend %(conference)s and take part in its academic exchanges")
            % {"conference": edition.title},
        ),
        (_("Dates of the conference"), layout.date_range(edition)),
        (
            _("Venue"),
            pgettext("separator", ", ").join(
                part for part in (edition.venue, edition.address) if part
            ),
        ),
        (_("City"), edition.city),
    ]
    data = [
        [layout.paragraph(label, styles["label"]), layout.paragraph(value, styles["value"])]
        for label, value in rows
        if value
    ]
    table = Table(data, colWidths=[52 * mm, None], hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c5cbd6")),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f4f6fa")),
        ]
    )
    return table


def signature_lines(edition) -> list[str]:
    """Who signs: the edition's signatory and position, then the host institution."""
    lines = [edition.signatory_name, edition.signatory_position]
    if not edition.signatory_name:
        lines = [_("The organizing committee")]
    return [line for line in (*lines, layout.host_name(edition)) if line]


def _story(document: IssuedDocument, registration: Registration, language: str, verify_url, scale):
    edition = registration.edition
    styles = layout.styles(language, scale=scale)
    right = ParagraphStyle("right", parent=styles["small"], alignment=TA_RIGHT, fontSize=10)
    body = styles["body"]
    issued = layout.long_date(document.issued_at.astimezone(edition.tzinfo).date())
    signature = [Spacer(1, 16 * mm * scale)] + [
        layout.paragraph(line, body if i else styles["value"])
        for i, line in enumerate(signature_lines(edition))
    ]
    return [
        layout.paragraph(
            _("Serial number: %(serial)s") % {"serial": document.display_serial}, right
        ),
        layout.paragraph(_("Date of issue: %(date)s") % {"date": issued}, right),
        Spacer(1, 4 * mm * scale),
        layout.paragraph(_("Invitation letter"), styles["title"]),
        layout.paragraph(_("To whom it may concern:"), body),
        layout.paragraph(
            _(
                "On behalf of %(host)s, we are pleased to invite the person named below to "
                "attend %(conference)s (%(city)s, %(dates)s)."
            )
            % {
                "host": layout.host_name(edition),
                "conference": edition.title,
                "city": edition.city,
                "dates": layout.date_range(edition),
            },
            body,
        ),
        _details(registration, edition, styles),
        Spacer(1, 5 * mm * scale),
        layout.paragraph(
            _(
                "We would be grateful if you could issue %(name)s the visa needed to attend "
                "the conference."
            )
            % {"name": registration.name},
            body,
        ),
        layout.paragraph(
            _(
                "The authenticity of this letter can be checked at any time with its serial "
                "number %(serial)s: scan the QR code below or open %(url)s."
            )
            % {"serial": document.display_serial, "url": verify_url},
            body,
        ),
        KeepTogether([layout.paragraph(_("Yours faithfully,"), body), *signature]),
    ]
