"""What every page's frame needs: the menu pages, the current edition and language alternates."""

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url

from .models import Edition, Page

PRIVACY_SLUG = "privacy"

# OpenGraph names locales language_TERRITORY; Simplified Chinese is read in mainland China.
OPENGRAPH_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}


class _FramePages:
    """The menu's pages and the footer's privacy page, read together in one query when a
    template first asks for either (templates call callables)."""

    def __init__(self):
        self._pages = None

    def _published(self) -> list[Page]:
        if self._pages is None:
            self._pages = list(
                Page.objects.filter(Q(in_menu=True) | Q(slug=PRIVACY_SLUG), is_published=True)
                .only("slug", "title_en", "title_zh_hans", "order", "in_menu")
                .order_by("order", "pk")
            )
        return self._pages

    def menu(self) -> list[Page]:
        return [page for page in self._published() if page.in_menu]

    def privacy(self) -> Page | None:
        return next((page for page in self._published() if page.slug == PRIVACY_SLUG), None)


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
    frame_pages = _FramePages()
    return {
        "menu_pages": frame_pages.menu,
        "current_edition": Edition.objects.current,
        "privacy_page": frame_pages.privacy,
        "language_alternates": alternates,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
