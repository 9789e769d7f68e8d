"""The site's addresses and the floor view, for benchmark runs only (ROOT_URLCONF=bench.urls)."""

from django.http import HttpResponse
from django.urls import path

from conference_site.urls import handler404, handler500
from conference_site.urls import urlpatterns as site_urlpatterns

FLOOR_BYTES = 20_000
_HEAD = b"<!doctype html>\n<html lang=en><title>Floor</title><body><main>\n"
_LINE = b"<p>The benchmark's floor: a constant page of twenty kilobytes.</p>\n"
_TAIL = b"</main></body></html>\n"
_LINES = _LINE * ((FLOOR_BYTES - len(_HEAD) - len(_TAIL)) // len(_LINE))
# Constant HTML: what the stack costs (middleware, the WSGI server, the client) before any
# query or template. Built once, at import.
FLOOR_BODY = _HEAD + _LINES + b" " * (FLOOR_BYTES - len(_HEAD + _LINES + _TAIL)) + _TAIL


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("floor/", floor, name="floor"), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
