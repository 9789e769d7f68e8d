"""The sitemap: every public page in English and Chinese, each naming its twin and the default.

``django.contrib.sitemaps`` with ``i18n``, ``alternates`` and ``x_default``, one Sitemap per kind
of page. ``/sitemap.xml`` is an index of the sections, cut into pages of ``LIMIT`` addresses:
the framework's cost per address makes one document of the whole site too slow for a request
(figures in docs/conference-site.md). Items are plain rows of the fields an address needs, and
each kind of address is reversed once per language (``events.url_templates``).

Addresses use SITE_URL's scheme and host, as feeds and structured data do: django.contrib.sites
is not installed, and the framework would otherwise take them from the request.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import Paginator
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from common.absolute_urls import absolute_url, site_origin
from cooperation.models import CooperationItem
from events.models import Edition, NewsArticle, Page, Session, SessionSpeaker, SubForum
from events.url_templates import url_template

LIMIT = 200


class PublicSitemap(Sitemap):
    """Pages of one URL pattern; each item is a dict of the pattern's arguments."""

    i18n = True
    alternates = True
    x_default = True
    # Declared, so that the framework finds them instead of catching an AttributeError for
    # each of them at every address.
    lastmod = changefreq = priority = None
    # Addresses per page of a section (each item and language counts).
    limit = LIMIT
    # Named once, rather than read from the settings for every item.
    languages = [code for code, _name in settings.LANGUAGES]
    url_name: str
    arguments: tuple[str, ...] = ()

    def __init__(self):
        self._paths: dict[tuple[str, str], str] = {}

    @property
    def protocol(self) -> str:
        return site_origin()[0]

    def get_domain(self, site=None) -> str:
        return site_origin()[1]

    def location(self, item: dict) -> str:
        return self.path(self.url_name) % item

    def page_count(self) -> int:
        """The section's pages, cut as the framework cuts them, from a COUNT instead of the rows."""
        items = self.items()
        count = len(items) if isinstance(items, list) else items.count()
        return Paginator(range(count * len(self.languages)), self.limit).num_pages

    def path(self, url_name: str, arguments: tuple[str, ...] | None = None) -> str:
        """The address of ``url_name`` in the active language, with a slot for each argument
        (the section's ``arguments`` unless the URL pattern takes others)."""
        key = (translation.get_language(), url_name)
        if key not in self._paths:
            names = self.arguments if arguments is None else arguments
            self._paths[key] = url_template(url_name, *names)
        return self._paths[key]


class SiteWideSitemap(PublicSitemap):
    """Pages that belong to no edition."""

    def items(self) -> list[str]:
        return ["events:home", "events:archive", "events:news"]

    def location(self, item: str) -> str:
        return reverse(item)


class EditionSitemap(PublicSitemap):
    """Each published edition's home, program, sub-forums and speakers pages."""

    url_names = ["events:edition", "events:program", "events:sub_forums", "events:speakers"]
    arguments = ("year",)

    def items(self) -> list[dict]:
        years = Edition.objects.published().order_by("-year").values_list("year", flat=True)
        return [{"year": year, "url_name": name} for year in years for name in self.url_names]

    def location(self, item: dict) -> str:
        return self.path(item["url_name"]) % item


class SubForumSitemap(PublicSitemap):
    url_name = "events:sub_forum"
    arguments = ("year", "slug")

    def items(self):
        return (
            SubForum.objects.filter(edition__is_published=True)
            .order_by("-edition__year", "order", "pk")
            .values("slug", year=F("edition__year"))
        )


class SessionSitemap(PublicSitemap):
    url_name = "events:session"
    arguments = ("year", "pk")

    def items(self):
        return (
            Session.objects.filter(edition__is_published=True)
            .order_by("-edition__year", "start", "pk")
            .values("pk", year=F("edition__year"))
        )


class SpeakerSitemap(PublicSitemap):
    """A speaker has a page in each edition they speak at or chair a sub-forum of."""

    url_name = "events:speaker"
    arguments = ("year", "slug")

    def items(self):
        # One query: UNION also removes a speaker who both speaks and chairs in an edition.
        speaking = SessionSpeaker.objects.filter(session__edition__is_published=True).values(
            year=F("session__edition__year"), slug=F("speaker__slug")
        )
        chairing = SubForum.chairs.through.objects.filter(
            subforum__edition__is_published=True
        ).values(year=F("subforum__edition__year"), slug=F("speaker__slug"))
        return speaking.order_by().union(chairing.order_by()).order_by("-year", "slug")


class NewsSitemap(PublicSitemap):
    url_name = "events:news_detail"
    arguments = ("slug",)

    def items(self):
        return NewsArticle.objects.published().values(
            "slug", changed_on=Coalesce("updated_on", "published_on")
        )

    def lastmod(self, item: dict):
        return item["changed_on"]

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of every article again.
        latest = NewsArticle.objects.published().aggregate(
            latest=Max(Coalesce("updated_on", "published_on"))
        )
        return latest["latest"]


class PageSitemap(PublicSitemap):
    """Organizer-written pages of the series (about)."""

    url_name = "events:page"
    arguments = ("slug",)

    def items(self):
        return (
            Page.objects.filter(is_published=True, edition__isnull=True)
            .order_by("order", "pk")
            .values("slug")
        )


class EditionPageSitemap(PublicSitemap):
    """Organizer-written pages of published editions (venue, contact)."""

    url_name = "events:edition_page"
    arguments = ("year", "slug")

    def items(self):
        return (
            Page.objects.filter(is_published=True, edition__is_published=True)
            .order_by("edition__year", "order", "pk")
            .values("slug", year=F("edition__year"))
        )


class CooperationSitemap(PublicSitemap):
    """The cooperation board of each published edition that has items on it, followed by the
    page of each published item; an item is dated by its last change, a board by its items'
    latest (closing an item does not date the board: nothing of it is left to read).

    One query gives both kinds of address, read once per request: the index counts the
    section's pages and dates it from the same rows.
    """

    url_arguments = {"cooperation:board": ("year",), "cooperation:item": ("year", "slug")}

    def items(self) -> list[dict]:
        return self._entries

    @cached_property
    def _entries(self) -> list[dict]:
        rows = (
            CooperationItem.objects.published()
            .filter(edition__is_published=True)
            .order_by("-edition__year", "-published_at", "-pk")
            .values("slug", "updated_at", year=F("edition__year"))
        )
        entries, boards = [], {}
        for row in rows:
            board = boards.get(row["year"])
            if board is None:
                board = {"url_name": "cooperation:board", "year": row["year"]}
                board["changed"] = row["updated_at"]
                boards[row["year"]] = board
                entries.append(board)
            board["changed"] = max(board["changed"], row["updated_at"])
            entries.append({"url_name": "cooperation:item", **row, "changed": row["updated_at"]})
        return entries

    def location(self, item: dict) -> str:
        url_name = item["url_name"]
        return self.path(url_name, self.url_arguments[url_name]) % item

    def lastmod(self, item: dict):
        return item["changed"]

    def get_latest_lastmod(self):
        return max((entry["changed"] for entry in self._entries), default=None)


SITEMAPS = {
    "site": SiteWideSitemap,
    "editions": EditionSitemap,
    "sub-forums": SubForumSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
    "news": NewsSitemap,
    "pages": PageSitemap,
    "edition-pages": EditionPageSitemap,
    "cooperation": CooperationSitemap,
}


def index(request) -> TemplateResponse:
    """sitemap.xml: the address of every page of every section.

    The framework's own index view names the sections on the request's host; this one on
    SITE_URL's, as every address inside them.
    """
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        for page in range(1, sitemap.page_count() + 1):
            address = location if page == 1 else f"{location}?p={page}"
            entries.append({"location": address, "last_mod": lastmod})
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    # As the framework's sitemap views say: the sitemap itself is not a page to show in results.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def section(request, section: str):
    """One section of the sitemap, a page at a time (``?p=2``)."""
    return sitemap_view(request, sitemaps=SITEMAPS, section=section)
