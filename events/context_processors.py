"""What every page's frame needs: the menu pages, the current edition and language alternates."""

from django.conf import settings
from django.urls import translate_url

from .models import Edition, Page

PRIVACY_SLUG = "privacy"


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
        {"code": code, "name": name, "url": translate_url(path, code)}
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
