"""The rules of ``Session.clean`` for a whole imported program at once, in memory.

An import checks every event before it writes anything: texts that fit their fields, sessions
within the edition's dates (as its clock reads them), and no room booked twice, counting the
sessions already in the edition and, should a room still be shared, those of other editions
(named with their edition). Each message names the event's line or path in the file.
"""

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Edition, Room, Session, Speaker, SubForum

from .frab import MAX_MESSAGES, Event


def problems(
    edition: Edition, planned: list[tuple[Event, Session]], others: list[Session]
) -> list[str]:
    """Why ``planned`` (events and the sessions they become) cannot be imported, if at all.

    ``others`` are the edition's sessions the file does not mention (rooms and all loaded).
    """
    messages = _too_long(planned) + _outside(edition, planned) + _clashes(edition, planned, others)
    if len(messages) > MAX_MESSAGES:
        extra = len(messages) - MAX_MESSAGES
        messages = messages[:MAX_MESSAGES] + [_("… and %(count)s more.") % {"count": extra}]
    return messages


def _local(moment: datetime.datetime, edition: Edition, pattern="%Y-%m-%d %H:%M") -> str:
    return timezone.localtime(moment, edition.tzinfo).strftime(pattern)


def _too_long(planned) -> list[str]:
    limits = [
        (Session, "title", [(e, e.title) for e, _s in planned]),
        (Session, "subtitle", [(e, e.subtitle) for e, _s in planned]),
        (Room, "name", [(e, e.room) for e, _s in planned]),
        (SubForum, "title", [(e, e.track) for e, _s in planned]),
        (Speaker, "name", [(e, p.name) for e, _s in planned for p in e.persons]),
    ]
    messages = []
    for model, name, values in limits:
        limit = model._meta.get_field(name).max_length
        messages += [
            _("%(where)s: “%(value)s…” is longer than %(limit)s characters.")
            % {"where": event.where, "value": value[:40], "limit": limit}
            for event, value in values
            if len(value) > limit
        ]
    return messages


def _outside(edition: Edition, planned) -> list[str]:
    return [
        _(
            "%(where)s: “%(title)s” (%(time)s) is outside the edition's dates "
            "(%(first)s to %(last)s)."
        )
        % {
            "where": event.where,
            "title": event.title,
            "time": _local(event.start, edition),
            "first": edition.start_date,
            "last": edition.end_date,
        }
        for event, _session in planned
        if not edition.takes_place_within(event.start, event.end)
    ]


def _clashes(edition: Edition, planned, others: list[Session]) -> list[str]:
    """Two sessions in one room at once, where at least one of them comes from the file."""
    booked = [(session, None) for session in others if session.room_id]
    booked += [(session, event) for event, session in planned if session.room is not None]
    rooms = {session.room.pk for session, _e in booked if session.room.pk}
    if rooms and planned:
        first = min(event.start for event, _s in planned)
        last = max(event.end for event, _s in planned)
        booked += [
            (session, None)
            for session in Session.objects.exclude(edition=edition)
            .filter(room__in=rooms, start__lt=last, end__gt=first)
            .select_related("room", "edition")
        ]
    by_room = defaultdict(list)
    for session, event in booked:
        # New rooms have no key yet: the object itself tells them apart.
        by_room[session.room.pk or id(session.room)].append((session, event))
    messages = []
    for entries in by_room.values():
        entries.sort(key=lambda entry: (entry[0].start, entry[0].end))
        latest = None  # the entry that ends last so far
        for session, event in entries:
            source = event or (latest[1] if latest else None)
            if latest is not None and session.start < latest[0].end and source:
                messages.append(
                    _(
                        "%(where)s: %(room)s is booked twice: %(first)s at %(first_time)s "
                        "and %(second)s at %(second_time)s."
                    )
                    % {
                        "where": source.where,
                        "room": session.room.name,
                        "first": _named(latest[0], edition),
                        "first_time": _local(latest[0].start, edition),
                        "second": _named(session, edition),
                        "second_time": _local(session.start, edition, "%H:%M"),
                    }
                )
            if latest is None or session.end > latest[0].end:
                latest = (session, event)
    return messages


def _named(session: Session, edition: Edition) -> str:
    """“Title”, and the edition it belongs to when that is not the one imported into."""
    if session.edition_id in (None, edition.pk):
        return _("“%(title)s”") % {"title": session.title}
    return _("“%(title)s” of the edition %(edition)s") % {
        "title": session.title,
        "edition": session.edition,
    }
