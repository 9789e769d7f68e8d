"""Labels for the time zone a program is shown in."""

import datetime

from django import template

register = template.Library()


@register.filter
def utc_offset(edition) -> str:
    """``UTC+08:00`` for ``edition``'s zone, as its clock reads on the first day (DST included)."""
    noon = datetime.datetime.combine(edition.start_date, datetime.time(12), tzinfo=edition.tzinfo)
    minutes = int(noon.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"
