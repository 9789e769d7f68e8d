"""The mark of a view whose answer is the same for every anonymous visitor.

The site's page cache (``conference_site/page_cache.py``) caches marked views, filing each copy
under the versions of the scopes the view names (``events/versions.py``); ``SITE`` is always
among them. An app marks its views here, in its URLconf, because apps never import the site.

A view also names the query parameters it reads (``query``): only those tell its copies apart.
Any other parameter (``utm_source``, ``fbclid``, a crawler's invention) is not shown to the view
and is answered from the same copy, so no visitor can multiply a page's copies by inventing
query strings.
"""

from functools import wraps

from .versions import SITE

ATTRIBUTE = "page_cache_scopes"
QUERY_ATTRIBUTE = "page_cache_query"


def public_page(view, *scopes: str, query: tuple[str, ...] = ()):
    """Mark ``view`` as showing only public content, from ``scopes`` and the site's frame.

    ``query`` names the query-string parameters the view reads; the page cache drops any other.
    """

    @wraps(view)
    def public(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(public, ATTRIBUTE, (SITE, *dict.fromkeys(s for s in scopes if s != SITE)))
    setattr(public, QUERY_ATTRIBUTE, tuple(sorted(set(query))))
    return public


def page_scopes(view) -> tuple[str, ...] | None:
    """The scopes ``view`` was marked with, or None when it is not a public page."""
    return getattr(view, ATTRIBUTE, None)


def page_query(view) -> tuple[str, ...]:
    """The query parameters that distinguish ``view``'s answers (none unless it named some)."""
    return getattr(view, QUERY_ATTRIBUTE, ())
