"""Friendly, translated error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    """404.html extends base.html, so it has the site's frame (menu, language switcher)."""
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context, so no context processor touches the database: the
    # error may be the database itself. 500.html is standalone for the same reason.
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))
