"""Absolute addresses of the public site, built from ``SITE_URL`` rather than the request's host.

Feeds, the sitemap, robots.txt, OpenGraph and JSON-LD are read by machines far from the request
(aggregators, crawlers, chat previews), so they name the site by its configured address.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_origin() -> tuple[str, str]:
    """(scheme, host[:port]) of ``SITE_URL``."""
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc


def absolute_url(path_or_url: str) -> str:
    """``path_or_url`` on the public site; an address that is already absolute is kept."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    if path_or_url.startswith("//"):
        return f"{site_origin()[0]}:{path_or_url}"
    return settings.SITE_URL.rstrip("/") + path_or_url
