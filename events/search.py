"""Search over the public site: sessions, speakers, sub-forums, news and organizer pages.

Each kind is matched in one query on a single folded document of its texts in both languages
(lower case, accents removed), with ``LIKE '%query%'``: a Chinese query matches inside words,
which have no spaces to split on. The folding is the SQL function ``conference_search_fold``:
on PostgreSQL ``lower(unaccent(…))``, whose result each table stores in a trigram-indexed column
(events/migrations/0011_h14a_search.py); on SQLite ``fold()`` below, registered on every
connection (events/apps.py) and applied as the query runs. Highlighting is worked out here as
plain parts; the template writes and escapes them. How each query is shaped, and why, is told at
``_searched``, ``_take_by_key`` and ``_published_speakers``; docs/conference-site.md has the
figures.
"""

import functools
import html
import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import NewsArticle, Page, Session, SessionSpeaker, Speaker, SubForum

FOLD_FUNCTION = "conference_search_fold"
MAX_QUERY_LENGTH = 100
RESULTS_PER_KIND = 20
SNIPPET_LENGTH = 160


def fold(text: str) -> str:
    """``text`` as the search compares it: accents removed, lower case."""
    if text.isascii():
        # Nothing to decompose: the common case of English texts, at a fraction of the cost.
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=8192)
def _fold_character(char: str) -> str:
    # Highlighting folds texts one character at a time; a page holds few distinct characters.
    return fold(char)


class Document(Func):
    """The folded text of a row's fields joined by spaces: what the search compares.

    On PostgreSQL the column ``search_document`` already holds it (stored, generated and
    trigram-indexed by events/migrations/0011_h14a_search.py), so it is read, not worked out.
    """

    function = FOLD_FUNCTION
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        column = next(e for e in self.flatten() if isinstance(e, Col))
        return f"{compiler.quote_name_unless_alias(column.alias)}.search_document", []


def document(*fields: str) -> Document:
    parts = [Coalesce(F(name), Value(""), output_field=TextField()) for name in fields]
    joined = Func(*parts, template="%(expressions)s", arg_joiner=" || ' ' || ")
    joined.output_field = TextField()
    return Document(joined)


# The texts of each kind, in both languages; the migration indexes the same documents.
DOCUMENT_FIELDS = {
    "session": ("title_en", "title_zh_hans", "abstract_en", "abstract_zh_hans"),
    "speaker": (
        "name",
        "name_original",
        "affiliation_en",
        "affiliation_zh_hans",
        "position_en",
        "position_zh_hans",
    ),
    "sub_forum": ("title_en", "title_zh_hans", "description_en", "description_zh_hans"),
    "news": (
        "title_en",
        "title_zh_hans",
        "summary_en",
        "summary_zh_hans",
        "body_en",
        "body_zh_hans",
    ),
    "page": ("title_en", "title_zh_hans", "body_en", "body_zh_hans"),
}


class QueryError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def clean_query(raw: str) -> str:
    """The query as searched (spaces collapsed), or ``QueryError`` with a translated reason."""
    query = " ".join(raw.split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Please search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
    if query and len(query) < 2 and not _has_cjk(query):
        raise QueryError(_("Please type at least two letters, or one Chinese character."))
    return query


@dataclass(slots=True)
class Part:
    text: str
    match: bool


@dataclass(slots=True)
class Result:
    url: str
    title: list[Part]
    snippet: list[Part]
    context: str  # the edition or date it belongs to


@dataclass(slots=True)
class Group:
    kind: str
    label: str
    results: list[Result] = field(default_factory=list)
    more: bool = False  # more matched than are shown


def highlight(text: str, needle: str) -> list[Part]:
    """``text`` cut into parts, those matching ``needle`` (folded) marked."""
    if not needle:
        return [Part(text, False)]
    if text.isascii():
        # Folding ASCII only lowers its case: every character stays where it was.
        haystack, origin = text.lower(), range(len(text))
    else:
        # Fold character by character, remembering where each folded character came from.
        folded, origin = [], []
        for index, char in enumerate(text):
            for piece in _fold_character(char):
                folded.append(piece)
                origin.append(index)
        haystack = "".join(folded)
    parts, cursor, at = [], 0, haystack.find(needle)
    while at >= 0:
        start, end = origin[at], origin[at + len(needle) - 1] + 1
        if start > cursor:
            parts.append(Part(text[cursor:start], False))
        parts.append(Part(text[start:end], True))
        cursor = end
        at = haystack.find(needle, at + len(needle))
    if cursor < len(text):
        parts.append(Part(text[cursor:], False))
    return parts


def snippet(text: str, needle: str) -> list[Part]:
    """About ``SNIPPET_LENGTH`` characters of ``text`` around its first match, highlighted."""
    at = fold(text).find(needle)
    if at < 0:
        return []
    # Folding may change lengths; the snippet is only a window, a few characters off is fine.
    start = max(0, min(at, len(text)) - SNIPPET_LENGTH // 3)
    end = min(len(text), start + SNIPPET_LENGTH)
    window = text[start:end]
    parts = highlight(window, needle)
    if start > 0:
        parts.insert(0, Part("…", False))
    if end < len(text):
        parts.append(Part("…", False))
    return parts


def _plain(value: str | None) -> str:
    return " ".join(html.unescape(strip_tags(value or "")).split())


def _texts(obj, names: tuple[str, ...]) -> Iterator[str]:
    """The texts of ``obj`` in the order a visitor reads them, their language first; made plain
    one by one, as the snippet asks for them (news bodies are long)."""
    language = translation.get_language() or "en"
    mine = "_zh_hans" if language.startswith("zh") else "_en"
    ordered = sorted(names, key=lambda name: (not name.endswith(mine), names.index(name)))
    return (_plain(getattr(obj, name, "")) for name in ordered)


def _result(url: str, title: str, others: Iterable[str], needle: str, context: str) -> Result:
    """A result whose snippet comes from the first other text that matches (not the title)."""
    others = (text for text in others if text != title)
    found = next((parts for text in others if (parts := snippet(text, needle))), [])
    return Result(url=url, title=highlight(title, needle), snippet=found, context=context)


def _with_document(queryset, kind: str):
    return queryset.annotate(search_document=document(*DOCUMENT_FIELDS[kind]))


def _take(queryset) -> tuple[list, bool]:
    """The first ``RESULTS_PER_KIND`` rows of ``queryset``, and whether more matched."""
    rows = list(queryset[: RESULTS_PER_KIND + 1])
    return rows[:RESULTS_PER_KIND], len(rows) > RESULTS_PER_KIND


def _take_by_key(matching, shown) -> tuple[list, bool]:
    """``_take`` for the kinds with long texts: ``matching`` is ordered in an inner query that
    carries only the keys, and ``shown`` (the same model, with what the results read) reads the
    few rows kept.

    Ordering whole rows carried every match's texts through the sort: a word in 950 of 4,000
    sessions cost 13 ms of PostgreSQL time, 5 ms this way. Small tables are not worth the second
    query's building (about 1 ms of Python a kind).
    """
    keys = matching.values("pk")[: RESULTS_PER_KIND + 1]
    return _take(shown.filter(pk__in=keys).order_by(*matching.query.order_by))


# What the results read of each row: the texts (both languages, for the snippet), the names of
# their addresses and context; the rest of a row (its other texts, images) stays in the database.
_EDITION_FIELDS = ("edition__year", "edition__short_title_en", "edition__short_title_zh_hans")
_SHOWN_FIELDS = {
    "session": (*DOCUMENT_FIELDS["session"], "edition_id", *_EDITION_FIELDS),
    "speaker": (*DOCUMENT_FIELDS["speaker"], "slug", "honorific_en", "honorific_zh_hans"),
    "sub_forum": (*DOCUMENT_FIELDS["sub_forum"], "slug", "edition_id", *_EDITION_FIELDS),
    "news": (*DOCUMENT_FIELDS["news"], "slug", "published_on"),
    "page": (*DOCUMENT_FIELDS["page"], "slug", "edition_id", "edition__year"),
}


@functools.cache
def _searched(kind: str):
    """The rows a search of ``kind`` looks through, with their folded document, in the order
    shown (and, for the kinds read in one query, with what the results read).

    Built once a process and only filtered by each query: building these five queries cost about
    3 ms a search, a tenth of the page. Nothing here may depend on the time or the language.
    """
    if kind == "session":
        rows = Session.objects.filter(edition__is_published=True)
        return _with_document(rows, kind).order_by("-edition__year", "start", "pk")
    if kind == "speaker":
        rows = _published_speakers().only(*_SHOWN_FIELDS[kind])
        return _with_document(rows, kind).order_by("name", "pk")
    if kind == "sub_forum":
        rows = SubForum.objects.filter(edition__is_published=True).select_related("edition")
        rows = rows.only(*_SHOWN_FIELDS[kind])
        return _with_document(rows, kind).order_by("-edition__year", "order", "pk")
    if kind == "news":
        return _with_document(NewsArticle.objects.all(), kind).order_by("-published_on", "-pk")
    if kind == "page":
        rows = Page.objects.filter(is_published=True).select_related("edition")
        rows = rows.only(*_SHOWN_FIELDS[kind])
        return _with_document(rows, kind).order_by("order", "pk")
    raise ValueError(kind)


@functools.cache
def _shown(kind: str):
    """What the results of a kind read by key (``_take_by_key``), built once a process."""
    if kind == "session":
        return Session.objects.select_related("edition").only(*_SHOWN_FIELDS[kind])
    if kind == "news":
        return NewsArticle.objects.only(*_SHOWN_FIELDS[kind])
    raise ValueError(kind)


KIND_LABELS = {
    "session": pgettext_lazy("kind of search result", "Sessions"),
    "speaker": pgettext_lazy("kind of search result", "Speakers"),
    "sub_forum": pgettext_lazy("kind of search result", "Sub-forums"),
    "news": pgettext_lazy("kind of search result", "News"),
    "page": pgettext_lazy("kind of search result", "Pages"),
}


def search(query: str) -> list[Group]:
    """Every kind's matches for ``query`` (from ``clean_query``), at most
    ``RESULTS_PER_KIND`` each: one query per kind, whatever the size of the site."""
    needle = fold(query)
    groups = [Group(kind, str(label)) for kind, label in KIND_LABELS.items()]
    if not needle:
        return groups
    by_kind = {group.kind: group for group in groups}

    sessions, by_kind["session"].more = _take_by_key(
        _searched("session").filter(search_document__contains=needle), _shown("session")
    )
    for session in sessions:
        texts = _texts(session, DOCUMENT_FIELDS["session"])
        by_kind["session"].results.append(
            _result(session.get_absolute_url(), session.title, texts, needle, str(session.edition))
        )

    speakers, by_kind["speaker"].more = _take(
        _searched("speaker").filter(search_document__contains=needle)
    )
    for speaker in speakers:
        texts = itertools.chain(
            [speaker.name_original], _texts(speaker, DOCUMENT_FIELDS["speaker"][2:])
        )
        url = reverse("events:speaker", kwargs={"year": speaker.url_year, "slug": speaker.slug})
        by_kind["speaker"].results.append(
            _result(url, speaker.display_name, texts, needle, speaker.affiliation)
        )

    sub_forums, by_kind["sub_forum"].more = _take(
        _searched("sub_forum").filter(search_document__contains=needle)
    )
    for sub_forum in sub_forums:
        texts = _texts(sub_forum, DOCUMENT_FIELDS["sub_forum"])
        by_kind["sub_forum"].results.append(
            _result(
                sub_forum.get_absolute_url(), sub_forum.title, texts, needle, str(sub_forum.edition)
            )
        )

    articles, by_kind["news"].more = _take_by_key(
        # Published as of today: applied at each search, never kept with the built query.
        _searched("news").published().filter(search_document__contains=needle),
        _shown("news"),
    )
    for article in articles:
        texts = _texts(article, DOCUMENT_FIELDS["news"])
        context = article.published_on.isoformat() if article.published_on else ""
        by_kind["news"].results.append(
            _result(article.get_absolute_url(), article.title, texts, needle, context)
        )

    pages, by_kind["page"].more = _take(_searched("page").filter(search_document__contains=needle))
    for page in pages:
        texts = _texts(page, DOCUMENT_FIELDS["page"])
        by_kind["page"].results.append(
            _result(page.get_absolute_url(), page.title, texts, needle, "")
        )
    return groups


def _published_speakers():
    """Speakers of published editions, each with the newest year they appear in (for the link).

    The year is worked out for each speaker whose text matched, by subqueries that stop at the
    first row; a word many speakers match walks the ``speaker_name`` index in the order shown and
    stops after 21. Asked with ``EXISTS`` instead, PostgreSQL hashed every session of the program
    for every search (4 ms even when one speaker matched).
    """
    speaking = (
        SessionSpeaker.objects.filter(speaker=OuterRef("pk"), session__edition__is_published=True)
        .order_by("-session__edition__year")
        .values("session__edition__year")[:1]
    )
    chairing = (
        SubForum.objects.filter(chairs=OuterRef("pk"), edition__is_published=True)
        .order_by("-edition__year")
        .values("edition__year")[:1]
    )
    return Speaker.objects.annotate(
        url_year=Coalesce(Subquery(speaking), Subquery(chairing))
    ).filter(url_year__isnull=False)
