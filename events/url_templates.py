"""Many addresses of one kind from a single ``reverse()``.

A page that links 300 speakers, or a sitemap of every session in two languages, would otherwise
spend most of its time in ``reverse()``. ``url_template()`` reverses the URL pattern once, with
markers in place of the arguments that vary, and returns a ``%``-format string; filling it in is
plain string formatting. The values filled in must need no URL quoting: integers and slugs (what
the ``int`` and ``slug`` path converters accept), as all the site's varying path arguments are.
"""

from django.urls import reverse

# Digits only, so that every path converter (int, slug, str) accepts them as they are.
_MARKER = "80417020931{:03d}"


def url_template(viewname: str, *varying: str, **fixed) -> str:
    """``reverse(viewname, kwargs=...)`` in the active language, with ``%(name)s`` slots.

    ``url_template("events:speaker", "slug", year=2030) % {"slug": "ada"}`` is
    ``reverse("events:speaker", kwargs={"year": 2030, "slug": "ada"})``.
    """
    markers = {name: _MARKER.format(number) for number, name in enumerate(varying)}
    path = reverse(viewname, kwargs={**fixed, **markers}).replace("%", "%%")
    for name, marker in markers.items():
        if path.count(marker) != 1:
            raise ValueError(f"{viewname}: cannot place {name} in {path}")
        path = path.replace(marker, f"%({name})s")
    return path
