"""The sitemap: every public page in English and Chinese, each naming its twin (hreflang).

Written out directly rather than through ``django.contrib.sitemaps``, which took 300 ms for a
program of 400 sessions: it reverses every address four times (its own, its twin's and the
default's, each under a language switch) and renders a template node by node for some 6,000
links. Here each kind of address is reversed once per language (events/url_templates.py) and
the XML is joined from strings. The document is the one the framework wrote, and valid against
the sitemap schema with the xhtml extension (tests/events/test_discoverability.py).

Addresses use SITE_URL's scheme and host (django.contrib.sites is not installed, so Django would
otherwise take them from the request). Each section is one query, whatever the program's size.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.html import escape

from .absolute_urls import site_origin
from .models import Edition, NewsArticle, Page, Session, SessionSpeaker, SubForum
from .url_templates import url_template

# An address: its URL name, its arguments (integers and slugs) and when it last changed.
Entry = tuple[str, dict[str, int | str], datetime.date | None]

EDITION_PAGES = ["events:edition", "events:program", "events:sub_forums", "events:speakers"]


def site_wide() -> Iterator[Entry]:
    """Pages that belong to no edition."""
    for name in ["events:home", "events:archive", "events:news"]:
        yield name, {}, None


def edition_pages() -> Iterator[Entry]:
    """Each published edition's home, program, sub-forums and speakers pages."""
    years = Edition.objects.published().order_by("-year").values_list("year", flat=True)
    for year in years:
        for name in EDITION_PAGES:
            yield name, {"year": year}, None


def sub_forums() -> Iterator[Entry]:
    rows = (
        SubForum.objects.filter(edition__is_published=True)
        .order_by("-edition__year", "order", "pk")
        .values_list("edition__year", "slug")
    )
    for year, slug in rows:
        yield "events:sub_forum", {"year": year, "slug": slug}, None


def sessions() -> Iterator[Entry]:
    rows = (
        Session.objects.filter(edition__is_published=True)
        .order_by("-edition__year", "start", "pk")
        .values_list("edition__year", "pk")
    )
    for year, pk in rows:
        yield "events:session", {"year": year, "pk": pk}, None


def speakers() -> Iterator[Entry]:
    """A speaker has a page in each edition they speak at or chair a sub-forum of."""
    # One query: UNION also removes a speaker who both speaks and chairs in an edition.
    speaking = (
        SessionSpeaker.objects.filter(session__edition__is_published=True)
        .values_list("session__edition__year", "speaker__slug")
        .order_by()
    )
    chairing = (
        SubForum.chairs.through.objects.filter(subforum__edition__is_published=True)
        .values_list("subforum__edition__year", "speaker__slug")
        .order_by()
    )
    for year, slug in sorted(speaking.union(chairing), key=lambda pair: (-pair[0], pair[1])):
        yield "events:speaker", {"year": year, "slug": slug}, None


def news() -> Iterator[Entry]:
    rows = NewsArticle.objects.published().values_list("slug", "published_on", "updated_on")
    for slug, published_on, updated_on in rows:
        yield "events:news_detail", {"slug": slug}, updated_on or published_on


def pages() -> Iterator[Entry]:
    rows = Page.objects.filter(is_published=True).order_by("order", "pk").values_list("slug")
    for (slug,) in rows:
        yield "events:page", {"slug": slug}, None


SECTIONS = [site_wide, edition_pages, sub_forums, sessions, speakers, news, pages]

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
TAIL = "\n</urlset>\n"


def sitemap(request) -> HttpResponse:
    """sitemap.xml: each page in every language, each naming all its versions and the default."""
    # One page, as the framework's sitemap answered: its ?p=2 and beyond were not found.
    if request.GET.get("p", "1") != "1":
        raise Http404("The sitemap has a single page.")
    response = HttpResponse(_document(SECTIONS), content_type="application/xml")
    # As django.contrib.sitemaps says it: the sitemap itself is not a page to show in results.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def _document(sections: Iterable) -> str:
    languages = [code for code, _name in settings.LANGUAGES]
    addresses = _Addresses(languages)
    parts = [HEAD]
    for section in sections:
        for name, kwargs, lastmod in section():
            hrefs = addresses.hrefs(name, kwargs)
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" href="{hrefs[code]}"/>'
                for code in languages
            )
            links += (
                '<xhtml:link rel="alternate" hreflang="x-default" '
                f'href="{hrefs[settings.LANGUAGE_CODE]}"/>'
            )
            modified = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
            for code in languages:
                parts.append(f"<url><loc>{hrefs[code]}</loc>{modified}{links}</url>")
    parts.append(TAIL)
    return "".join(parts)


class _Addresses:
    """Absolute, XML-escaped addresses in each language, one ``reverse()`` per kind and language."""

    def __init__(self, languages: list[str]):
        self.languages = languages
        self.origin = "{}://{}".format(*site_origin())
        self.templates: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}

    def hrefs(self, name: str, kwargs: dict[str, int | str]) -> dict[str, str]:
        key = (name, tuple(kwargs))
        if key not in self.templates:
            self.templates[key] = {}
            for code in self.languages:
                with translation.override(code):
                    template = url_template(name, *kwargs)
                # Escaped once here: the values filled in (integers, slugs) need no escaping.
                self.templates[key][code] = escape(self.origin.replace("%", "%%") + template)
        return {code: template % kwargs for code, template in self.templates[key].items()}
