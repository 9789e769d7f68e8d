"""The organizers' admin: every conference model, both languages side by side.

One module per cluster, as in ``events/models/``; importing them registers the ModelAdmins.
modeltranslation's plain (non-tabbed) admin is used on purpose: it needs no JavaScript, so
nothing is loaded from a CDN and the English and Chinese fields sit next to each other.
"""

from . import edition, news, people, program

__all__ = ["edition", "news", "people", "program"]
