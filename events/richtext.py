"""Sanitizing the rich text organizers write (news bodies, pages, descriptions)."""

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize(html: str) -> str:
    """Return ``html`` with only harmless tags and attributes kept (no scripts, styles, events)."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def sanitize_translated(instance, field: str) -> None:
    """Sanitize ``field`` in each language column django-modeltranslation added to the model."""
    for code in settings.MODELTRANSLATION_LANGUAGES:
        column = f"{field}_{code.replace('-', '_')}"
        value = getattr(instance, column, None)
        if value:
            setattr(instance, column, sanitize(value))
