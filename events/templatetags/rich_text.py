"""Reading sanitized rich text as plain text (meta descriptions, excerpts)."""

import html

from django import template
from django.utils.html import strip_tags

register = template.Library()


@register.filter(is_safe=False)
def plain_text(value: str) -> str:
    """The text of ``value`` without tags, entities decoded; the template escapes it again."""
    return " ".join(html.unescape(strip_tags(value or "")).split())
