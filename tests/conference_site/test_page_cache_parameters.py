"""A cached public page must name every query parameter it reads: the page cache drops the rest.

A view that read ``request.GET.get("x")`` without declaring ``x`` would be served the same copy
whatever ``x`` says, silently. This reads the source of every public view for such reads.
"""

import inspect
import re

from django.urls import URLResolver, get_resolver

from events.public_pages import page_query, page_scopes

READ = re.compile(r"request\.GET(?:\.get\(\s*|\[\s*)[\"'](\w+)[\"']")


def _callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        else:
            yield pattern


def test_every_parameter_a_public_view_reads_is_declared():
    undeclared = []
    checked = 0
    for pattern in _callbacks(get_resolver().url_patterns):
        callback = pattern.callback
        marked = getattr(callback, "__wrapped__", callback)
        if page_scopes(marked) is None and page_scopes(callback) is None:
            continue
        view = inspect.unwrap(marked)
        if not inspect.isfunction(view):
            continue
        checked += 1
        declared = set(page_query(marked) or page_query(callback))
        read = set(READ.findall(inspect.getsource(view)))
        if read - declared:
            undeclared.append((pattern.name, sorted(read - declared)))
    assert checked > 10
    assert undeclared == []
