"""What every page's frame needs: the edition being viewed, its menu pages, language alternates.

The header, the menu and the footer follow the edition whose address is being read (/2019/...);
elsewhere (/, /news/, /about/) they follow the current edition.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url

from .models import Edition, Page

PRIVACY_SLUG = "privacy"
CONTACT_SLUG = "contact"

# OpenGraph names locales language_TERRITORY; Simplified Chinese is read in mainland China.
OPENGRAPH_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}


def viewed_year(request) -> int | None:
    """The year in the address (/2019/program/), or None on pages of the whole site."""
    match = getattr(request, "resolver_match", None)
    year = match.kwargs.get("year") if match else None
    return year if isinstance(year, int) else None


class _Frame:
    """The viewed edition, and the menu's and footer's pages (the series' pages and the viewed
    edition's) read together in one query, each when a template first asks (templates call
    callables)."""

    def __init__(self, year: int | None):
        self._year = year
        self._edition = ...
        self._pages = None

    def edition(self) -> Edition | None:
        if self._edition is ...:
            editions = Edition.objects.published().select_related("host")
            if self._year is None:
                self._edition = editions.filter(is_current=True).first()
            else:
                self._edition = editions.filter(year=self._year).first()
        return self._edition

    def _published(self) -> list[Page]:
        if self._pages is None:
            if self._year is None:
                of_edition = Q(edition__is_current=True, edition__is_published=True)
            else:
                of_edition = Q(edition__year=self._year, edition__is_published=True)
            self._pages = list(
                Page.objects.filter(
                    Q(in_menu=True) | Q(slug__in=[PRIVACY_SLUG, CONTACT_SLUG]),
                    Q(edition__isnull=True) | of_edition,
                    is_published=True,
                )
                .select_related("edition")
                .only("slug", "title_en", "title_zh_hans", "order", "in_menu", "edition__year")
                .order_by("order", "pk")
            )
        return self._pages

    def menu(self) -> list[Page]:
        return [page for page in self._published() if page.in_menu]

    def privacy(self) -> Page | None:
        return next((page for page in self._published() if page.slug == PRIVACY_SLUG), None)

    def contact(self) -> Page | None:
        """The footer's contact page: the edition's own, or else the series'."""
        pages = [page for page in self._published() if page.slug == CONTACT_SLUG]
        return next((page for page in pages if page.edition_id), pages[0] if pages else None)


def site(request):
    path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "og_locale": OPENGRAPH_LOCALES.get(code, code),
        }
        for code, name in settings.LANGUAGES
    ]
    frame = _Frame(viewed_year(request))
    return {
        "menu_pages": frame.menu,
        "current_edition": frame.edition,
        "privacy_page": frame.privacy,
        "contact_page": frame.contact,
        "language_alternates": alternates,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
