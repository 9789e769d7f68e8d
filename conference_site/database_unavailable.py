"""A database that cannot be reached gives visitors a translated 503 page, never a 500.

While PostgreSQL restarts, fails over or refuses connections, every query raises
``OperationalError`` (or ``InterfaceError`` on a connection that died). The page says to try
again in a moment and carries ``Retry-After``, so proxies, monitors and crawlers treat it as
temporary. Nothing is half-written: each service is one transaction, rolled back by the error.

Two ways in, because Django turns an exception into a response where it is raised:

- `DatabaseUnavailableMiddleware.process_exception` for errors raised by a view or while its
  template renders (nearly all of them: that is where the queries are);
- `server_error`, the project's ``handler500``, for errors raised outside any view, such as
  a middleware reading the page cache's token or saving the session after the view.

The page is rendered without context processors (the site's frame queries the database) and
logged at ERROR with the exception. Once the database answers again the next request succeeds:
a connection that failed is discarded at the next request, and on PostgreSQL
``CONN_HEALTH_CHECKS`` replaces a persistent connection that died between requests.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from conference_site import errors

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# A restart of PostgreSQL takes seconds; a failover, a little longer.
RETRY_AFTER_SECONDS = 30


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page, in the request's language, rendered without touching the database."""
    body = loader.get_template("503.html").render({"request": request})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 instead of 500 when the view fails because the database cannot be used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "Database unavailable: %s %s answered 503",
            request.method,
            request.path,
            exc_info=exception,
        )
        return unavailable_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database error raised outside a view is a 503 too; others a 500.

    Django calls it while handling the exception, so ``sys.exc_info()`` holds it, and Django
    itself logs the error with the response's status.
    """
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable_response(request)
    return errors.server_error(request)
