"""The printable program of an edition: A4, day by day, each session with its time, kind
(unless its title says it), title, speakers, room and sub-forum, in the language of the request."""

import io
import itertools

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from events import edition_files, queries
from events.models import Edition, Session
from events.templatetags.program_times import utc_offset

from .. import links
from . import fonts, layout

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
LINE = colors.HexColor("#c5cbd6")


def draw(edition: Edition) -> bytes:
    """The whole program in the active language, as the worker builds it ahead."""
    sessions = list(queries.program_sessions(edition))
    url = links.absolute(reverse("events:program", kwargs={"year": edition.year}))
    return render_program(edition, sessions, language=translation.get_language(), url=url)


def register() -> None:
    edition_files.register(
        edition_files.FileKind(
            name="program.pdf",
            draw=draw,
            content_type="application/pdf",
            filename="program-{year}.pdf",
            inline=True,
        )
    )


def render_program(edition: Edition, sessions: list[Session], *, language: str, url: str) -> bytes:
    """``sessions`` in order, with room, sub-forum and ``ordered_speakers`` loaded
    (`Session.objects.with_listing_data()`); ``url`` is the program page, printed in the footer."""
    with translation.override(language):
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            title=_("Program") + f" · {edition.title}",
            author=layout.host_name(edition),
            subject=edition.title,
            creator="conference-site",
            lang=layout.pdf_language(language),
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        footer = f"{edition.short_title or edition.title} · {_('Program')} · {url}"

        def decorate(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(layout.MUTED)
            fonts.draw(canvas, MARGIN, MARGIN, footer, font=fonts.TEXT.regular, size=7.5)
            page = _("Page %(number)s") % {"number": doc.page}
            fonts.draw(
                canvas,
                PAGE_WIDTH - MARGIN,
                MARGIN,
                page,
                font=fonts.TEXT.regular,
                size=7.5,
                align="right",
            )
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="program", frames=[frame], onPage=decorate)])
        doc.build(_story(edition, sessions, language))
        return buffer.getvalue()


def _styles(language: str):
    styles = layout.styles(language, fonts.TEXT)
    for style in styles.values():
        style.alignment = 0
    styles["cell"] = ParagraphStyle(
        "cell", parent=styles["body"], fontSize=9, leading=11.5, spaceAfter=0
    )
    styles["cell_title"] = ParagraphStyle(
        "cell_title", parent=styles["cell"], fontName=fonts.TEXT.bold, fontSize=10, leading=12.5
    )
    styles["cell_muted"] = ParagraphStyle(
        "cell_muted", parent=styles["cell"], textColor=layout.MUTED, fontSize=8.5, leading=10.5
    )
    return styles


def _story(edition: Edition, sessions: list[Session], language: str) -> list:
    styles = _styles(language)
    tz = edition.tzinfo
    venue = ", ".join(part for part in (edition.venue, edition.city) if part)
    story = [
        layout.paragraph(_("Program"), styles["heading"]),
        layout.paragraph(edition.title, styles["title"]),
        layout.paragraph(f"{layout.date_range(edition)} · {venue}", styles["body"]),
        layout.paragraph(
            _("All times are in %(zone)s (%(offset)s).")
            % {"zone": edition.time_zone, "offset": utc_offset(edition)},
            styles["small"],
        ),
    ]
    if not sessions:
        story.append(layout.paragraph(_("The program has not been published yet."), styles["body"]))
        return story
    # Conference days: a session after midnight but before the day change is on the day before.
    by_day = itertools.groupby(sessions, key=lambda s: edition.conference_day(s.start))
    for day, day_sessions in by_day:
        heading = layout.paragraph(
            f"{layout.long_date(day)} ({date_format(day, 'l')})", styles["heading"]
        )
        rows = [_row(session, tz, styles) for session in day_sessions]
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether([heading, _table(rows[:1], styles)]))
        if rows[1:]:
            story.append(_table(rows[1:], styles))
    return story


def _row(session: Session, tz, styles) -> list:
    start = timezone.localtime(session.start, tz)
    end = timezone.localtime(session.end, tz)
    what: list[Paragraph] = []
    kind = session.kind_tag  # not "Lunch" again above a session titled "Lunch"
    if kind:
        what.append(layout.paragraph(kind, styles["cell_muted"]))
    what.append(layout.paragraph(session.title, styles["cell_title"]))
    for link in getattr(session, "ordered_speakers", []):
        speaker = link.speaker
        text = speaker.display_name
        if speaker.affiliation:
            text += f", {speaker.affiliation}"
        what.append(layout.paragraph(text, styles["cell"]))
    where = [
        layout.paragraph(
            session.sub_forum.title if session.sub_forum else _("Plenary"), styles["cell"]
        )
    ]
    if session.room:
        where.append(layout.paragraph(str(session.room), styles["cell_muted"]))
    return [layout.paragraph(f"{start:%H:%M}–{end:%H:%M}", styles["cell"]), what, where]


def _table(rows: list, styles) -> Table:
    table = Table(rows, colWidths=[24 * mm, None, 52 * mm], hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ]
    )
    return table
