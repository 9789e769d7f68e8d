from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from django.views.static import serve

import attendees.urls
import cooperation.urls
import events.urls
from cooperation.scopes import COOPERATION
from events.api import PAGE_SCOPES as API_SCOPES
from events.api import api, api_query_parameters
from events.api import not_found as api_not_found
from events.public_pages import public_page
from events.versions import NEWS, PAGES, PROGRAM

from . import sitemaps
from .health import healthz
from .page_cache import cache_public_patterns
from .robots import robots_txt

admin.site.site_header = _("Conference administration")
admin.site.site_title = _("Conference administration")
admin.site.index_title = _("Organize the conference")


def _cached_api():
    patterns, app_name, namespace = api.urls
    # The cooperation board's items are in the API too (cooperation/api.py).
    scopes = (*API_SCOPES, COOPERATION)
    cached = cache_public_patterns(patterns, scopes=scopes, query=api_query_parameters())
    return cached, app_name, namespace


# Public pages are cached per view (conference_site/page_cache.py): the views the apps mark with
# public_page, and every answer of the API.
urlpatterns = [
    # The JSON API speaks both languages in every answer, so it has no language prefix. Any
    # other address under it ending in a slash is a JSON 404 (without a slash, Django first
    # redirects to the slashed address).
    path("api/", _cached_api()),
    re_path(r"^api/(?:.*/)?$", api_not_found),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", healthz, name="healthz"),
    *cache_public_patterns(
        [
            # The sitemap index and its sections serve both languages (each address lists its
            # twin), so they live outside the language prefixes.
            path(
                "sitemap.xml",
                public_page(sitemaps.index, PROGRAM, NEWS, PAGES, COOPERATION),
                name="sitemap",
            ),
            path(
                "sitemap-<slug:section>.xml",
                public_page(sitemaps.section, PROGRAM, NEWS, PAGES, COOPERATION, query=("p",)),
                name="sitemap_section",
            ),
            path("robots.txt", public_page(robots_txt), name="robots_txt"),
        ]
    ),
]
if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
urlpatterns += i18n_patterns(
    # Registration first: its addresses (/checkin/, /2022/register/) would otherwise be taken
    # for organizer-written pages by events' catch-all slug pattern.
    path("", include((cache_public_patterns(attendees.urls.urlpatterns), "attendees"))),
    # Also before events' catch-all: /2022/cooperation/ is the cooperation board.
    path("", include((cache_public_patterns(cooperation.urls.urlpatterns), "cooperation"))),
    path("", include((cache_public_patterns(events.urls.urlpatterns), "events"))),
    prefix_default_language=False,
)

handler404 = "conference_site.errors.page_not_found"
# A database error outside any view (a middleware's query, saving the session) is a 503 too.
handler500 = "conference_site.database_unavailable.server_error"
