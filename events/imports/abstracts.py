"""The abstract of an imported event as the site's rich text: HTML, Markdown or plain text.

frab files carry HTML (``<p>``, ``<small>``), pretalx's carry Markdown, others plain text. HTML
is sanitized (``events.richtext``) and Markdown rendered and then sanitized, so the session
page shows formatted text rather than literal tags; plain text stays plain, and the page keeps
its paragraphs (``events.templatetags.rich_text.abstract_html``). A rich abstract always begins
with a tag (``is_rich``): that is how pages and calendars tell it from plain text, which an
organizer may type with a "<" in it.
"""

import re

from markdown_it import MarkdownIt

from events.richtext import sanitize

# A tag of the kind abstracts hold: the text is HTML.
_HTML = re.compile(
    r"<(p|br|div|span|ul|ol|li|a|em|strong|b|i|u|small|sub|sup|h[1-6]|code|pre|blockquote|"
    r"table|img|hr)\b[^<>]*/?>",
    re.IGNORECASE,
)
# What Markdown writes and plain text hardly ever does: emphasis, links, headings, lists,
# quotes and code.
_MARKDOWN = re.compile(
    r"\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\s]+\)|^#{1,6} |^\s*[-*+] \S|^\s*\d+\. \S"
    r"|^> |`[^`\n]+`",
    re.MULTILINE,
)
# CommonMark without raw HTML (what it would let through is sanitized anyway), with tables and
# strikethrough as pretalx allows them.
_RENDERER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def kind_of(text: str) -> str:
    """``html``, ``markdown`` or ``plain``."""
    if _HTML.search(text):
        return "html"
    if _MARKDOWN.search(text):
        return "markdown"
    return "plain"


def is_rich(abstract: str) -> bool:
    """Whether a stored abstract is rich text (it begins with a tag) rather than plain text."""
    return (abstract or "").lstrip().startswith("<")


def as_rich_text(text: str) -> str:
    """``text`` from a schedule file as the abstract the site stores."""
    text = (text or "").strip()
    kind = kind_of(text)
    if kind == "plain":
        return text
    html = sanitize(text if kind == "html" else _RENDERER.render(text)).strip()
    # Inline markup only ("Robots that <em>learn</em>"): one paragraph, so that it begins with
    # a tag like every rich abstract.
    return html if is_rich(html) else f"<p>{html}</p>"
