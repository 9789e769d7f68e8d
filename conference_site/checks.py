"""System checks of the site's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Caches that each process keeps for itself (or not at all).
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, Tags.security, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Production needs a shared cache: rate limits are counted in it.

    settings.py silences django-ratelimit's own check for the local-memory cache, which is right
    for the single development process; with DEBUG off it would let production count every
    limit per gunicorn worker (each worker allowing the whole limit) without a word.
    """
    if settings.DEBUG or settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "DEBUG is off but the default cache is not shared between processes (CACHE_URL is "
            "unset or names a local-memory cache): rate limits are counted per process, so each "
            "worker and each server allows the whole limit.",
            hint="Set CACHE_URL to Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/1 "
            "(docs/security.md, docs/deployment.md).",
            id="conference_site.W001",
        )
    ]
