"""An attendee's booked meetings as iCalendar (RFC 5545), in the edition's time zone."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from attendees.models import Registration
from events.exports.ical import REFRESH_INTERVAL, uid_domain

from .models import MeetingBooking


def _bookings(registration: Registration):
    return (
        MeetingBooking.objects.filter(participants__registration=registration)
        .select_related("session", "request__item__owner", "request__requester")
        .order_by("slot_start", "pk")
    )


def meetings_calendar(registration: Registration) -> Calendar:
    edition = registration.edition
    tz = edition.tzinfo
    cal = Calendar()
    language = translation.get_language() or settings.LANGUAGE_CODE
    cal.add("prodid", f"-//{uid_domain()}//Cooperation meetings//{language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = _("My meetings: %(edition)s") % {"edition": edition.short_title or edition.title}
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", edition.time_zone)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    stamp = timezone.now().replace(microsecond=0)
    years = {edition.start_date.year}
    for booking in _bookings(registration):
        meeting_request = booking.request
        item = meeting_request.item
        if item.owner_id == registration.pk:
            with_whom = meeting_request.requester.name
        else:
            with_whom = item.contact_name or item.owner.name
        event = Event()
        event.add("uid", f"meeting-{booking.request_id}@{uid_domain()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.slot_start.astimezone(tz))
        event.add("dtend", booking.slot_end.astimezone(tz))
        event.add(
            "summary",
            _("Meeting with %(name)s: %(title)s") % {"name": with_whom, "title": item.title},
        )
        if booking.is_online:
            event.add("location", _("Online"))
            event.add("url", booking.session.video_link)
        else:
            event.add(
                "location",
                _("Table %(table)s, %(room)s")
                % {"table": booking.table, "room": booking.session.room_name},
            )
        cal.add_component(event)
        years.add(booking.slot_start.year)
    cal.add_missing_timezones(
        first_date=datetime.date(min(years), 1, 1), last_date=datetime.date(max(years) + 1, 1, 1)
    )
    return cal
