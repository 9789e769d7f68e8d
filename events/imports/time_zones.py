"""An import never shifts a program silently: a file on another clock needs the organizer's word.

A schedule's times are read on the file's own clock (its ``time_zone_name``), so they are the
right moments whatever the edition's zone; but an edition shows them on *its* clock, where a
Europe/Berlin 11:00 talk reads 17:00 in Asia/Shanghai (in summer). When the zones differ, the
import is refused with a message offering the two ways on: keep the file's moments and show
them on the edition's clock (``CONVERT``), or move the edition to the file's zone (``ADOPT``).
"""

from django.utils.translation import gettext as _

from events.models import Edition
from events.models.schedule_import import TimeZoneChoice

from .frab import Schedule, ScheduleError

__all__ = ["TimeZoneChoice", "reconcile"]


def reconcile(edition: Edition, schedule: Schedule, choice: str) -> None:
    """Refuse ``schedule`` on another clock than ``edition``'s unless ``choice`` says how;
    with ``ADOPT``, set the edition's time zone (in memory: the caller saves it)."""
    theirs = schedule.time_zone_name
    if not theirs or _same_zone(theirs, edition.time_zone):
        return
    if choice == TimeZoneChoice.CONVERT:
        return
    if choice == TimeZoneChoice.ADOPT:
        edition.time_zone = theirs
        return
    raise ScheduleError(
        [
            _(
                "The file's times are in the time zone %(theirs)s, the edition's in %(ours)s: "
                "imported as they are, a talk at 11:00 in the file would show at another hour. "
                "Nothing was imported. Choose one: keep the file's times (they are converted "
                "and shown on the edition's clock, %(ours)s), or change the edition's time zone "
                "to %(theirs)s. In the admin this is the “Time zone of the file” choice; for "
                "the import_schedule command, --time-zone=convert or --time-zone=adopt."
            )
            % {"theirs": theirs, "ours": edition.time_zone}
        ]
    )


def _same_zone(one: str, other: str) -> bool:
    # By name: an alias (Asia/Chongqing) has another history than Asia/Shanghai before 1980.
    return one.strip() == other.strip()
