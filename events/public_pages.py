"""The mark of a view whose answer is the same for every anonymous visitor.

The site's page cache (``conference_site/page_cache.py``) caches marked views, filing each copy
under the versions of the scopes the view names (``events/versions.py``); ``SITE`` is always
among them. An app marks its views here, in its URLconf, because apps never import the site.
"""

from functools import wraps

from .versions import SITE

ATTRIBUTE = "page_cache_scopes"


def public_page(view, *scopes: str):
    """Mark ``view`` as showing only public content, from ``scopes`` and the site's frame."""

    @wraps(view)
    def public(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(public, ATTRIBUTE, (SITE, *dict.fromkeys(s for s in scopes if s != SITE)))
    return public


def page_scopes(view) -> tuple[str, ...] | None:
    """The scopes ``view`` was marked with, or None when it is not a public page."""
    return getattr(view, ATTRIBUTE, None)
