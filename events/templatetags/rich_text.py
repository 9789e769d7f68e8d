"""Reading sanitized rich text as plain text (meta descriptions, excerpts, JSON-LD), and a
session's abstract, rich or plain, as HTML."""

import html
import re

from django import template
from django.utils.html import linebreaks, strip_tags

from events.imports import abstracts
from events.richtext import sanitize

register = template.Library()

# Block-level tags separate words ("</p><p>" is a paragraph break); inline ones (<em>) do not.
BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|li|h[1-6]|blockquote|pre|figure|figcaption|table|tr|td|th|ul|ol)\b[^>]*|br\s*/?)>",
    re.IGNORECASE,
)


@register.filter(is_safe=False)
def plain_text(value: str) -> str:
    """The text of ``value`` without tags, entities decoded; the template escapes it again."""
    text = strip_tags(BLOCK_TAG.sub(" ", value or ""))
    return " ".join(html.unescape(text).split())


@register.filter(is_safe=False)
def abstract_html(value: str) -> str:
    """A session's abstract as HTML for ``|safe``: rich text (imported HTML or Markdown, see
    ``events.imports.abstracts``) sanitized again, plain text escaped with its paragraphs."""
    if not value:
        return ""
    if abstracts.is_rich(value):
        return sanitize(value)
    return linebreaks(value, autoescape=True)
