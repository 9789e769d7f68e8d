"""Anonymous public pages, cached per language, never stale, applied per view.

Apps mark their public views with ``events.public_pages.public_page(view, *scopes)``; the site's
URLconf wraps the callbacks of marked patterns with ``cache_public_patterns`` (apps never import
the site). A wrapped view is still a view: errors it raises go through every middleware's
``process_exception`` and the site's error handlers like any other view's.

Each copy is filed under the current tokens of the view's scopes (``events/versions.py``), read
in one query per request; a change replaces the tokens of what it touches in the same
transaction, so a page read after the change looks under new tokens and renders afresh. Copies
filed under old tokens are never read again and expire.

Time also changes pages: news published "today", the registration notice (upcoming, open,
closed), the footer's year. A copy never outlives the next local midnight or the next opening
or closing of a registration window.

A copy is told apart by the path, the host, the language and the query parameters its view reads
(``public_page(..., query=...)``; for the API, the parameters each operation declares), sorted,
one value each (the last, as forms and the API read them). Every other parameter (``utm_source``,
``fbclid``, anything invented) is taken out of the request before the view sees it, so it is
answered from the same copy and no copy shows it. Copies live in a store bounded by size in bytes
(``conference_site/memory_cache.py``, ``PAGE_CACHE_MAX_BYTES``), least recently used out first.

Only GET requests of visitors who are not logged in are cached, and only answers that are 200,
set no cookie and used no CSRF token. A cache that fails (Redis stopped) is a miss: the backend
(``conference_site/cache.py``) logs it and the page is rendered as if nothing was cached.
"""

import datetime
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.http import QueryDict
from django.urls import URLPattern, URLResolver
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import urlencode

from events.models import Edition
from events.public_pages import page_query, page_scopes
from events.versions import SITE, current_token

MESSAGES_COOKIE = "messages"
KEY_PREFIX = "page"
# settings.CACHES: the process's own memory unless PAGE_CACHE_URL says otherwise.
CACHE_ALIAS = "pages"
# Set on a view served from the cache, so that wrapping the same patterns twice caches once.
APPLIED = "page_cache_applied"


def cache_public_view(view, scopes: Sequence[str], query: Sequence[str] = ()):
    """``view``, answered from the page cache under the versions of ``scopes``.

    A scope may name the address's arguments (``"edition:{year}"``). ``query`` names the query
    parameters the view reads; the view is shown no other, and only these tell copies apart.
    """
    query = frozenset(query)

    @wraps(view)
    def cached(request, *args, **kwargs):
        if not settings.PAGE_CACHE or not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        _keep_only(request, query)
        version = current_token(*(scope.format_map(kwargs) for scope in scopes))
        key = _key(request, version)
        pages = caches[CACHE_ALIAS]
        response = pages.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _is_cacheable_response(request, response):
            set_response_etag(response)
            patch_cache_control(response, public=True, no_cache=True)
            timeout = _seconds_until_content_may_change(timezone.now())
            if timeout > 0:
                pages.set(key, response, timeout)
        return response

    setattr(cached, APPLIED, True)
    return cached


def cache_public_patterns(
    patterns: Iterable,
    *,
    scopes: Sequence[str] | None = None,
    query: Mapping[str, Sequence[str]] | None = None,
) -> list:
    """``patterns`` with the callbacks of public pages answered from the page cache.

    Views marked with ``public_page`` are cached under the scopes and query parameters they
    name; with ``scopes``, every view is (a namespace that is public as a whole, such as the
    API), with the query parameters ``query`` gives for its URL name (none if it is not there).
    """
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern = URLResolver(
                pattern.pattern,
                cache_public_patterns(pattern.url_patterns, scopes=scopes, query=query),
                pattern.default_kwargs,
                pattern.app_name,
                pattern.namespace,
            )
        elif not getattr(pattern.callback, APPLIED, False):
            view_scopes = page_scopes(pattern.callback)
            view_query = page_query(pattern.callback)
            if view_scopes is None and scopes is not None:
                view_scopes = (SITE, *scopes)
                view_query = (query or {}).get(pattern.name, ())
            if view_scopes is not None:
                pattern = URLPattern(
                    pattern.pattern,
                    cache_public_view(pattern.callback, view_scopes, view_query),
                    pattern.default_args,
                    pattern.name,
                )
        wrapped.append(pattern)
    return wrapped


def _is_cacheable_request(request) -> bool:
    if request.method != "GET" or MESSAGES_COOKIE in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _is_cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _keep_only(request, query: frozenset[str]) -> None:
    """Leave ``request`` only the parameters in ``query``, sorted, the last value of each.

    The view then renders from exactly what the copy's key holds: a parameter it does not read
    cannot show in the copy (in the language switcher's addresses, the API's next page) and be
    served to someone else.
    """
    kept = sorted(
        (name, values[-1]) for name, values in request.GET.lists() if name in query and values
    )
    query_string = urlencode(kept)
    if query_string != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query_string
        request.GET = QueryDict(query_string)


def _key(request, version: str) -> str:
    address = hashlib.sha256(
        f"{request.get_host()}{request.get_full_path()}".encode(), usedforsecurity=False
    ).hexdigest()
    version = hashlib.sha256(version.encode(), usedforsecurity=False).hexdigest()[:32]
    return f"{KEY_PREFIX}:{version}:{translation.get_language()}:{address}"


def _seconds_until_content_may_change(now: datetime.datetime) -> int:
    """The cache lifetime, cut short by the next local midnight or registration boundary."""
    local_now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        local_now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=local_now.tzinfo
    )
    boundaries = [now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS), midnight]
    upcoming = Edition.objects.aggregate(
        opens=Min("registration_opens", filter=Q(registration_opens__gt=now)),
        closes=Min("registration_closes", filter=Q(registration_closes__gt=now)),
    )
    boundaries += [moment for moment in upcoming.values() if moment is not None]
    return int((min(boundaries) - now).total_seconds())
