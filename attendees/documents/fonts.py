"""Fonts for the PDFs, with nothing to install outside PyPI.

- Noto Sans (regular and bold, from the ``pymupdf-fonts`` package, SIL Open Font License) sets
  every Latin, Greek and Cyrillic character, accents included: "Müller", "Łukasz Szőke",
  "Dvořák", "Nguyễn", "Иванова". It is embedded (only the glyphs used), so every reader shows
  the same letters. The standard PDF fonts (Helvetica, Times) cover Windows-1252 only and would
  print "Ł" or "ő" as boxes.
- Chinese (and Japanese kana) go to reportlab's built-in CID font STSong-Light, Hangul to
  HYSMyeongJo-Medium. CID fonts are not embedded: the reader supplies the glyphs (browsers,
  Preview, Evince, phones, and Adobe Reader with its free Asian font pack do).

Text stays searchable and copyable in both kinds. A text is cut into runs of one font each,
so "王建国 (Wang Jianguo)" mixes faces without the caller thinking about it.
"""

import functools
import io
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

CJK = "STSong-Light"
KOREAN = "HYSMyeongJo-Medium"


class Face:
    """A family of embedded fonts: the names of its regular and bold members."""

    def __init__(self, regular: str, bold: str):
        self.regular = regular
        self.bold = bold

    def __repr__(self):
        return f"Face({self.regular!r})"


TEXT = Face("NotoSans", "NotoSans-Bold")


@functools.cache
def coverage() -> frozenset[int]:
    """Register the fonts (once, on first use: loading Noto takes a moment) and return the
    code points Noto Sans has glyphs for."""
    from pymupdf_fonts import NotoSans_Bold, NotoSans_Regular

    regular = TTFont(TEXT.regular, io.BytesIO(NotoSans_Regular.fontbuffer))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(TEXT.bold, io.BytesIO(NotoSans_Bold.fontbuffer)))
    # Paragraph markup: <b> switches to the bold member; there is no italic.
    for italic in (0, 1):
        addMapping(TEXT.regular, 0, italic, TEXT.regular)
        addMapping(TEXT.regular, 1, italic, TEXT.bold)
    for name in (CJK, KOREAN):
        pdfmetrics.registerFont(UnicodeCIDFont(name))
        # CID fonts have no bold or italic: inside <b> the same face is used.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return frozenset(regular.face.charWidths)


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def font_for(char: str, text_font: str) -> str:
    if ord(char) in coverage():
        return text_font
    return KOREAN if _is_hangul(char) else CJK


def runs(text: str, text_font: str) -> list[tuple[str, str]]:
    """``[(font name, text), ...]``: consecutive characters that share a font.

    Spaces stay with the run before them, so Chinese text with a space in it is one run.
    """
    result: list[tuple[str, str]] = []
    for char in text:
        font = result[-1][0] if char.isspace() and result else font_for(char, text_font)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def markup(text: str, text_font: str = TEXT.regular) -> str:
    """Paragraph markup for plain ``text``: escaped, each CJK run in its own font."""
    return "".join(
        escape(part) if font == text_font else f'<font name="{font}">{escape(part)}</font>'
        for font, part in runs(str(text), text_font)
    )


def string_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs(text, font))


def fit_size(text: str, font: str, *, width: float, size: float, smallest: float) -> float:
    """The largest size from ``size`` down to ``smallest`` at which one line fits ``width``."""
    while size > smallest and string_width(text, font, size) > width:
        size -= 0.5
    return size


def draw(canvas, x: float, y: float, text: str, *, font: str, size: float, align="left"):
    """Draw one line at baseline ``y``; ``x`` is its left, centre or right edge."""
    if align != "left":
        width = string_width(text, font, size)
        x -= width / 2 if align == "center" else width
    for name, part in runs(text, font):
        canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, name, size)
