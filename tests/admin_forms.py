"""Submitting an admin form as a person would: the values the page shows, with a few changed."""

import lxml.html


def form_values(html: str | bytes, form_id: str) -> dict[str, str | list[str]]:
    """What the browser would post for the form ``form_id`` left as it is shown."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    values: dict[str, str | list[str]] = {}
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "select":
            chosen = [
                o.get("value", o.text or "")
                for o in element.iter("option")
                if o.get("selected") is not None
            ]
            if element.get("multiple") is not None:
                values[name] = chosen
            elif chosen:
                values[name] = chosen[0]
            else:
                first = next(element.iter("option"), None)
                values[name] = first.get("value", "") if first is not None else ""
        elif element.tag == "textarea":
            values[name] = element.text or ""
        elif element.get("type") in ("checkbox", "radio"):
            if element.get("checked") is not None:
                values[name] = element.get("value", "on")
        elif element.get("type") not in ("submit", "button", "image", "file", "reset"):
            values[name] = element.get("value", "")
    return values


def submit(client, url: str, form_id: str, changes: dict | None = None, *, button: str = "_save"):
    """GET ``url``, then POST its form ``form_id`` with ``changes`` and ``button`` pressed."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {**form_values(page.content.decode(), form_id), **(changes or {}), button: "1"}
    return client.post(url, data)
