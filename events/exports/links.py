"""Addresses that hand an export to a calendar or a conference app, and the QR code for one."""

import functools
from urllib.parse import quote

import segno
from django.urls import reverse

from common.absolute_urls import absolute_url

GIGGITY = "https://ggt.gaa.st/#url={url}"


def calendar_links(path: str) -> dict[str, str]:
    """``webcal://`` (opens the visitor's calendar app to subscribe) and the plain address."""
    url = absolute_url(path)
    return {"webcal": "webcal://" + url.split("://", 1)[1], "url": url}


def giggity_url(schedule_url: str) -> str:
    """The Giggity link that loads ``schedule_url`` (a schedule.xml) into the app."""
    return GIGGITY.format(url=quote(schedule_url, safe=":/"))


# The program page shows the same code on every request; drawing one takes several
# milliseconds (segno tries eight masks), so each distinct code is drawn once per process.
@functools.lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """A QR code of ``url`` as an SVG ``data:`` address for an <img>, drawn on the server (no
    script, no outside service)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(
        scale=4, border=2, omitsize=True, light="#fff"
    )


def program_links(edition) -> dict:
    """What the program page offers: the calendar, the frab files, Giggity and its QR code."""
    year = {"year": edition.year}
    schedule_xml = absolute_url(reverse("events:schedule_xml", kwargs=year))
    giggity = giggity_url(schedule_xml)
    return {
        "calendar": calendar_links(reverse("events:program_ical", kwargs=year)),
        "schedule_xml": schedule_xml,
        "schedule_json": absolute_url(reverse("events:schedule_json", kwargs=year)),
        "giggity": giggity,
        "giggity_qr": qr_svg(giggity),
    }


def sub_forum_calendar(edition, sub_forum) -> dict[str, str]:
    kwargs = {"year": edition.year, "slug": sub_forum.slug}
    return calendar_links(reverse("events:sub_forum_ical", kwargs=kwargs))
