"""An abstract as plain text for formats without markup (iCalendar), paragraphs kept."""

import html
import re

from django.utils.html import strip_tags

from events.imports.abstracts import is_rich

# Where a paragraph, list item or line ends in rich text.
_BREAK = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|blockquote|pre|tr)>", re.IGNORECASE)


def abstract_text(abstract: str) -> str:
    """``abstract`` without tags: rich text (imported HTML or Markdown) read as text, one
    paragraph per block; plain text as it is."""
    if not is_rich(abstract):
        return abstract.strip()
    blocks = (" ".join(html.unescape(strip_tags(b)).split()) for b in _BREAK.split(abstract))
    return "\n\n".join(block for block in blocks if block)
