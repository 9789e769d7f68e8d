"""Friendly, translated error pages for every app: 404, 429 (rate limits, login lockouts), 500."""

from django.conf import settings
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


def too_many_requests(request, exception):
    """django-ratelimit's answer (RATELIMIT_VIEW) to a visitor over a rate limit."""
    return render(request, "429.html", status=429)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer (AXES_LOCKOUT_CALLABLE) to a login refused after repeated failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    # Set by conference_site.login_lockout when the account itself is locked, whatever the address.
    account = getattr(request, "axes_account_locked", False)
    context = {"minutes": minutes, "account_locked": account}
    response = render(request, "locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
