"""The site's own deployment check: production without a shared cache is named, not silent."""

from django.core.checks import run_checks

REDIS = {
    "BACKEND": "conference_site.cache.FailSafeRedisCache",
    "LOCATION": "redis://127.0.0.1:6379/1",
}
LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


def warnings(deploy=True):
    return {message.id for message in run_checks(include_deployment_checks=deploy)}


def test_production_with_a_per_process_cache_is_warned_about(settings):
    settings.DEBUG = False
    for cache in (LOCAL, DUMMY):
        settings.CACHES = {**settings.CACHES, "default": cache}
        assert "conference_site.W001" in warnings()


def test_the_warning_names_the_problem_and_the_fix(settings):
    settings.DEBUG = False
    settings.CACHES = {**settings.CACHES, "default": LOCAL}
    (message,) = [
        m for m in run_checks(include_deployment_checks=True) if m.id == "conference_site.W001"
    ]
    assert "rate limits are counted per process" in message.msg
    assert "CACHE_URL" in message.hint


def test_production_with_redis_passes(settings):
    settings.DEBUG = False
    settings.CACHES = {**settings.CACHES, "default": REDIS}
    assert "conference_site.W001" not in warnings()


def test_development_and_plain_check_are_quiet(settings):
    settings.CACHES = {**settings.CACHES, "default": LOCAL}
    settings.DEBUG = True
    assert "conference_site.W001" not in warnings()
    settings.DEBUG = False
    assert "conference_site.W001" not in warnings(deploy=False)
