"""The cooperation board in the admin: items with their moderation queue, export and
statistics."""

from . import items, meetings, statistics  # noqa: F401  (registers them)
