"""Django's local-memory cache, bounded by the bytes it holds rather than by a count of entries.

The page cache keeps its copies in each process's memory by default. A count of entries is no
bound on memory: one copy of a large edition's program weighs megabytes, one of an API page a few
kilobytes. ``SizeBoundedMemoryCache`` keeps the total size of what it holds (each pickled value
and its key) under ``MAX_BYTES`` by dropping the least recently used entries first, and never
stores a value larger than the whole budget. ``MAX_ENTRIES`` still applies as well, as in
Django's cache. Expired entries count until they are read or pushed out, so the bound holds
whatever the timeouts.
"""

import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Per entry, beyond the pickled value and the key: the bytes object's header, the key's place in
# the ordered dictionary and in the expiry table.
ENTRY_OVERHEAD = 200


class _Ledger:
    """The size of each entry of one named cache, shared like Django's own per-name tables."""

    def __init__(self):
        self.sizes: dict[str, int] = {}
        self.total = 0

    def add(self, key: str, size: int) -> None:
        self.total += size - self.sizes.get(key, 0)
        self.sizes[key] = size

    def remove(self, key: str) -> None:
        self.total -= self.sizes.pop(key, 0)

    def clear(self) -> None:
        self.sizes.clear()
        self.total = 0


_ledgers: dict[str, _Ledger] = {}
_ledgers_lock = threading.Lock()


class SizeBoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS") or {}
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        with _ledgers_lock:
            self._ledger = _ledgers.setdefault(name, _Ledger())

    @property
    def bytes_held(self) -> int:
        """The size of everything held, as counted against ``MAX_BYTES``."""
        return self._ledger.total

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        # Called with the lock held, as in Django's cache; ``value`` is already pickled.
        size = len(key) + len(value) + ENTRY_OVERHEAD
        self._delete(key)
        if size > self.max_bytes:
            return
        while self._cache and self._ledger.total + size > self.max_bytes:
            self._drop_least_recently_used()
        super()._set(key, value, timeout)
        self._ledger.add(key, size)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        # Django rewrites the entry in place: count its new size.
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key in self._cache:
                self._ledger.add(key, len(key) + len(self._cache[key]) + ENTRY_OVERHEAD)
        return value

    def _cull(self):
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            self._ledger.clear()
            return
        for _ in range(len(self._cache) // self._cull_frequency):
            self._drop_least_recently_used()

    def _drop_least_recently_used(self):
        # Django's cache moves each entry it reads or writes to the front: the last is the oldest.
        key, _value = self._cache.popitem()
        self._expire_info.pop(key, None)
        self._ledger.remove(key)

    def _delete(self, key):
        self._ledger.remove(key)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._ledger.clear()
