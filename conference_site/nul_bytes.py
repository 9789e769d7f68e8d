"""Refuse NUL bytes in the address, the query string and form fields, for the whole site.

PostgreSQL cannot store or even compare text containing NUL (0x00): psycopg raises DataError,
so a `?status__exact=a%00b` on an admin list, or a NUL typed into any form field, was a 500
wherever the value reached a query. No legitimate visitor sends one, so one middleware refuses
them all with a translated 400 page before any view runs, instead of each view cleaning them.
Uploaded files are not looked at: binary content may contain NUL and is never compared as text.
"""

from django.shortcuts import render


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


def contains_nul(request) -> bool:
    if "\x00" in request.path_info or _has_nul(request.GET):
        return True
    # Reading the form parses the body, as the CSRF middleware does next for every POST anyway.
    return request.method == "POST" and _has_nul(request.POST)


class RefuseNulBytesMiddleware:
    """A 400 page for any request carrying a NUL byte; after the language middlewares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if contains_nul(request):
            return render(request, "bad_input.html", status=400)
        return self.get_response(request)
