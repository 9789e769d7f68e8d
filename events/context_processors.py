"""What every page's frame needs: the menu pages, the current edition and language alternates."""

from django.conf import settings
from django.urls import translate_url

from .models import Edition, Page

PRIVACY_SLUG = "privacy"

# OpenGraph names locales language_TERRITORY; Simplified Chinese is read in mainland China.
OPENGRAPH_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}


def _privacy_page():
    """The privacy page the footer links to, if organizers wrote one (called by the template)."""
    return (
        Page.objects.filter(is_published=True, slug=PRIVACY_SLUG)
        .only("slug", "title_en", "title_zh_hans")
        .first()
    )


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
    return {
        "menu_pages": Page.objects.filter(is_published=True, in_menu=True).only(
            "slug", "title_en", "title_zh_hans", "order"
        ),
        "current_edition": Edition.objects.current,
        "privacy_page": _privacy_page,
        "language_alternates": alternates,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
