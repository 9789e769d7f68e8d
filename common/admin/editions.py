"""Which edition an admin page about one edition shows."""


def chosen_edition(request, editions: list, *, parameter: str = "year", attribute: str = "year"):
    """The edition the query string names (``?year=2022``, or ``?edition=<id>`` with
    ``parameter="edition", attribute="pk"``), else the current one, else the first of
    ``editions`` (newest first); ``None`` when there are none."""
    by_key = {getattr(edition, attribute): edition for edition in editions}
    asked = request.GET.get(parameter, "")
    if asked.isdigit() and int(asked) in by_key:
        return by_key[int(asked)]
    current = next((edition for edition in editions if edition.is_current), None)
    return current or (editions[0] if editions else None)
