"""The program of a whole edition as files the worker builds ahead (``edition_files``):
the calendar and both frab schedules. Each draws in the active language."""

from events import edition_files, queries
from events.models import Edition

from . import ical
from .frab import FrabSchedule


def program_calendar(edition: Edition) -> bytes:
    sessions = queries.program_sessions(edition)
    return ical.calendar(edition=edition, sessions=sessions, name=edition.title).to_ical()


def _frab_schedule(edition: Edition) -> FrabSchedule:
    return FrabSchedule(
        edition=edition,
        sessions=list(queries.program_sessions(edition)),
        sub_forums=list(edition.sub_forums.order_by("order", "pk")),
    )


def schedule_xml(edition: Edition) -> bytes:
    return _frab_schedule(edition).to_xml()


def schedule_json(edition: Edition) -> str:
    return _frab_schedule(edition).to_json()


def register() -> None:
    edition_files.register(
        edition_files.FileKind(
            name="program.ics",
            draw=program_calendar,
            content_type="text/calendar; charset=utf-8",
            filename="program-{year}.ics",
            cors=True,
        )
    )
    edition_files.register(
        edition_files.FileKind(
            name="schedule.xml",
            draw=schedule_xml,
            content_type="application/xml; charset=utf-8",
            filename="schedule-{year}.xml",
            inline=True,
            cors=True,
        )
    )
    edition_files.register(
        edition_files.FileKind(
            name="schedule.json",
            draw=schedule_json,
            content_type="application/json; charset=utf-8",
            filename="schedule-{year}.json",
            inline=True,
            cors=True,
        )
    )
