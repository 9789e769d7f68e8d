"""A Redis cache that is an accelerator, never a dependency.

Settings use ``FailSafeRedisCache`` whenever ``CACHE_URL`` or ``PAGE_CACHE_URL`` names Redis. When
Redis is stopped, refuses connections or does not answer in time, every operation behaves as a
miss instead of raising: ``get`` returns the default, ``add``/``set``/``touch``/``delete``
return False, ``incr`` raises ``ValueError`` as for a missing key (django-ratelimit then fails
open, see ``RATELIMIT_FAIL_OPEN`` in settings). Pages are rendered uncached, rate limits are not
counted, and nothing answers 500.

Each failure is logged as a warning, at most once a minute per process and server, with the
number of failures since, so an outage does not flood the logs. After a failure the process
leaves Redis alone for ``failure_pause`` seconds (1 by default), so a Redis that times out
costs one request a second the timeout rather than every request; after that the next operation
tries again, and the first one that succeeds logs that the cache is back. Short socket timeouts
by default keep a Redis that does not answer from holding a worker.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Redis answers in well under a millisecond on a local network: a second is an outage.
DEFAULT_SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
DEFAULT_FAILURE_PAUSE = 1.0
LOG_INTERVAL_SECONDS = 60
_HEALTH: dict[str, "_Health"] = {}
_REGISTRY_LOCK = threading.Lock()
# Socket errors that redis-py lets through unwrapped count as an outage too.
ERRORS = (RedisError, OSError)


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache, with every error logged and answered as a miss."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        options = params["OPTIONS"]
        self.failure_pause = float(options.pop("failure_pause", DEFAULT_FAILURE_PAUSE))
        for option, seconds in DEFAULT_SOCKET_TIMEOUTS.items():
            options.setdefault(option, seconds)
        super().__init__(server, params)
        self._health = _health_of(", ".join(_redacted(location) for location in self._servers))

    def _safely(self, operation, fallback, *args, **kwargs):
        if self._health.paused(self.failure_pause):
            return fallback
        try:
            result = operation(*args, **kwargs)
        except ERRORS as error:
            self._health.failed(error)
            return fallback
        self._health.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._safely(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's set answers None; False tells a caller that asks that nothing was stored.
        return self._safely(super().set, False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._safely(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._safely(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._safely(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._safely(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._safely(super().delete_many, None, keys, version)

    def clear(self):
        return self._safely(super().clear, False)


def _health_of(server: str) -> "_Health":
    # Django makes a cache object per thread and alias: threads of a process share one record
    # per server, so an outage is logged and paused once for the process.
    with _REGISTRY_LOCK:
        return _HEALTH.setdefault(server, _Health(server))


class _Health:
    """Whether a Redis answered this process last time, and when the outage was last logged."""

    def __init__(self, server: str):
        self.server = server
        self.down = False
        self._failed_at = 0.0
        self._logged_at = None
        self._unlogged = 0
        self._lock = threading.Lock()

    def paused(self, pause: float) -> bool:
        return self.down and time.monotonic() - self._failed_at < pause

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self.down = True
            self._failed_at = now
            self._unlogged += 1
            if self._logged_at is not None and now - self._logged_at < LOG_INTERVAL_SECONDS:
                return
            self._logged_at, failures, self._unlogged = now, self._unlogged, 0
        logger.warning(
            "Cache at %s unavailable (%s: %s); serving without it (%d failure(s) since the "
            "last warning).",
            self.server,
            type(error).__name__,
            error,
            failures,
        )

    def succeeded(self) -> None:
        if not self.down:
            return
        with self._lock:
            if not self.down:
                return
            self.down = False
            self._logged_at, failures, self._unlogged = None, self._unlogged, 0
        logger.warning(
            "Cache at %s is back (%d failure(s) since the last warning).", self.server, failures
        )


def _redacted(location: str) -> str:
    # A Redis URL may carry a password: logs name the host and port only.
    parts = urlsplit(location)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}{parts.path}"
