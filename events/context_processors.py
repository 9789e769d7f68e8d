"""What every page's frame needs: the menu pages, the current edition and language alternates."""

from django.conf import settings
from django.urls import translate_url

from .models import Edition, Page


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
        "language_alternates": alternates,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
