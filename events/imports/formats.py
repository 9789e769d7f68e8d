"""What a schedule file must not be: XML declaring entities, and formats the import cannot read.

Checked before the frab reader parses anything, so a hostile file costs a scan of its first
bytes rather than a parse: an entity-expansion bomb ("billion laughs") or a file pointing at
an external entity is refused at once, with no expansion and no access to a file or the network.
Files in neighbouring formats (schedule v2 JSON as conference hubs publish it, pentabarf's
xCal export, an iCalendar file) are named, so the organizer knows what to export instead.
"""

import re
import uuid

from django.utils.translation import gettext as _

_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY\b", re.IGNORECASE)
_EXTERNAL = re.compile(r"<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)
# frab before 2015 wrote GUIDs as 22 characters of URL-safe base64 ("hixbG3OS0o1-lkJG36qcug").
_OLD_FRAB_GUID = re.compile(r"[A-Za-z0-9_-]{22}(==)?")
# The namespace of the UUIDs derived from old frab GUIDs: the same string gives the same UUID.
OLD_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://frab.github.io/frab/guid")


class UnsupportedFile(Exception):
    """A file refused before reading; ``message`` says what it is and why."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def uuid_from(value: str) -> uuid.UUID | None:
    """The UUID ``value`` spells, or the stable one derived from an old frab GUID; else None."""
    value = value.strip()
    try:
        return uuid.UUID(value)
    except ValueError:
        pass
    if _OLD_FRAB_GUID.fullmatch(value):
        return uuid.uuid5(OLD_GUID_NAMESPACE, value)
    return None


def _as_text(data: bytes) -> str:
    """The file as text where markup can be searched: UTF-16 or UTF-32 where its first bytes
    say so, else byte for byte (the markup is ASCII in every other encoding XML allows)."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00", "utf-16-le"),
        (b"\x00<", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="ignore")
    return data.decode("latin-1")


def check_xml(data: bytes) -> None:
    """Refuse an XML file whose DOCTYPE declares entities or names an external DTD."""
    text = _as_text(data)
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    if _ENTITY.search(text, doctype.start()):
        raise UnsupportedFile(
            _(
                "The file's DOCTYPE declares entities, which a schedule never needs and which "
                "can make a file expand to gigabytes or read other files: it is refused. "
                "Export the schedule again without a DOCTYPE."
            )
        )
    if _EXTERNAL.match(text, doctype.start()):
        raise UnsupportedFile(
            _(
                "The file's DOCTYPE points to an external DTD, which is never loaded: it is "
                "refused. Export the schedule again without a DOCTYPE."
            )
        )


def check_xml_root(tag: str, namespace: str | None) -> None:
    """Refuse the XML formats that look like a schedule but are not frab's."""
    if tag.lower() in ("icalendar", "vcalendar") or "pentabarf" in (namespace or ""):
        raise UnsupportedFile(
            _(
                "This is an xCal calendar (pentabarf's schedule.xcal export), which is not "
                "supported: import the conference's frab schedule.xml or schedule.json."
            )
        )


def check_text(data: bytes) -> None:
    """Refuse an iCalendar file (which is neither XML nor JSON) by name."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR":
        raise UnsupportedFile(
            _(
                "This is an iCalendar file (.ics), which is not supported: import the "
                "conference's frab schedule.xml or schedule.json."
            )
        )


def check_json(document) -> None:
    """Refuse schedule v2 JSON (events listed apart from days and rooms) by name."""
    if not isinstance(document, dict):
        return
    schedule = document.get("schedule")
    schema = str(document.get("$schema") or "")
    events_apart = isinstance(document.get("events"), list) or (
        isinstance(schedule, dict)
        and (
            isinstance(schedule.get("events"), list)
            or (
                isinstance(schedule.get("conference"), dict)
                and isinstance(schedule["conference"].get("events"), list)
            )
        )
    )
    if events_apart or re.search(r"v2|schema2|version[-_/]?2", schema):
        raise UnsupportedFile(
            _(
                "This is a schedule v2 JSON file (as c3voc and conference hubs publish), which "
                "is not supported: import the frab-compatible schedule.json or schedule.xml "
                "the same site offers."
            )
        )
