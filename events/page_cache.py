"""Anonymous public pages, cached per language, never stale.

Every cached copy is filed under the current token of ``ContentVersion``, a row that any change
to public content replaces in the same transaction: model saves and deletes through signals
(``connect_signals``), bulk writes (the schedule import, the generator, a restore) by calling
``content_changed()`` themselves. A page read after the change therefore looks under the
new token and renders afresh; copies filed under old tokens are never read again and expire.

The token lives in the database, not in the cache, so it is right for every process whatever the
cache backend: with the default local-memory store (the "pages" cache) each gunicorn worker keeps
its own copies, but all of them see the same token. Reading it costs one query per cached
request, and a local copy is read without a network round trip.

Time also changes pages: news published "today", the registration notice (upcoming, open,
closed), the footer's year. A copy never outlives the next local midnight or the next opening
or closing of a registration window.

Only views marked with ``@public_page`` (and the JSON API) are cached, only for GET requests of
visitors who are not logged in, and only answers that are 200, set no cookie and used no CSRF
token. Personal pages (self-service, tickets, check-in, admin) are never marked.
"""

import datetime
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag

from .models import ContentVersion, Edition
from .models.content_version import new_token

# The JSON API's namespace (events/api): every answer of it is public.
CACHED_NAMESPACES = frozenset({"api"})
MESSAGES_COOKIE = "messages"
KEY_PREFIX = "page"
# settings.CACHES: the process's own memory unless PAGE_CACHE_URL says otherwise.
CACHE_ALIAS = "pages"


def public_page(view):
    """Mark ``view`` as showing only public content, the same for every anonymous visitor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.public_page = True
    return wrapped


def current_token() -> str:
    # Plain SQL: this runs on every cached request, and building the ORM query cost more than
    # running it.
    with connection.cursor() as cursor:
        cursor.execute(_TOKEN_SQL)
        row = cursor.fetchone()
    return row[0] if row else "none"


_TOKEN_TABLE = connection.ops.quote_name(ContentVersion._meta.db_table)
_TOKEN_SQL = f"SELECT token FROM {_TOKEN_TABLE} LIMIT 1"


def content_changed(*, using: str | None = None) -> None:
    """Make every cached page stale, as part of the current transaction.

    The token changes in the same transaction as the content, so no reader can see the new token
    with the old content: a request reads the token first, and a page rendered from rows that
    were still old is filed under the old token, which the next request no longer reads.
    """
    token = new_token()
    versions = ContentVersion.objects.using(using or "default")
    if not versions.update(token=token):
        versions.create(token=token)
    # The whole-edition files (program.pdf, program.ics, ...) are drawn again by the worker.
    from . import edition_files

    edition_files.schedule_rebuild(using=using)


def _model_changed(sender, raw=False, using=None, **kwargs):
    if raw or sender is ContentVersion or not _shows_on_public_pages(sender):
        return
    content_changed(using=using)


def _shows_on_public_pages(model) -> bool:
    # django-simple-history's records live in this app too, but no public page shows them.
    return model._meta.app_label == "events" and not model.__name__.startswith("Historical")


def connect_signals() -> None:
    post_save.connect(_model_changed, dispatch_uid="events.page_cache.save")
    post_delete.connect(_model_changed, dispatch_uid="events.page_cache.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="events.page_cache.m2m")


def _m2m_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and _shows_on_public_pages(type(instance)):
        content_changed(using=using)


class PublicPageCacheMiddleware:
    """Answers marked views from the cache; place it last, so that it sees the resolved view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGE_CACHE or not _is_cacheable_request(request, view_func):
            return None
        key = _key(request, current_token())
        response = caches[CACHE_ALIAS].get(key)
        if response is not None:
            return response
        response = view_func(request, *view_args, **view_kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _is_cacheable_response(request, response):
            set_response_etag(response)
            patch_cache_control(response, public=True, no_cache=True)
            timeout = _seconds_until_content_may_change(timezone.now())
            if timeout > 0:
                caches[CACHE_ALIAS].set(key, response, timeout)
        return response


def _is_cacheable_request(request, view_func) -> bool:
    if request.method != "GET" or MESSAGES_COOKIE in request.COOKIES:
        return False
    marked = getattr(view_func, "public_page", False) or (
        request.resolver_match is not None and request.resolver_match.namespace in CACHED_NAMESPACES
    )
    return marked and not request.user.is_authenticated


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


def _key(request, token: str) -> str:
    address = hashlib.sha256(
        f"{request.get_host()}{request.get_full_path()}".encode(), usedforsecurity=False
    ).hexdigest()
    return f"{KEY_PREFIX}:{token}:{translation.get_language()}:{address}"


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
