"""Meetings on the attendee's personal page and in their data download."""

from django.db.models import Prefetch

from attendees.models import Registration

from . import services
from .models import MeetingBooking, MeetingRequest, RequestStatus

SECTION_TEMPLATE = "cooperation/meetings/personal_section.html"


def _requests(registration: Registration) -> list[MeetingRequest]:
    return list(
        MeetingRequest.objects.involving(registration)
        .select_related("item__owner", "item__edition", "requester")
        .prefetch_related(
            Prefetch("booking", queryset=MeetingBooking.objects.select_related("session"))
        )
        .order_by("-created_at", "-pk")
    )


def _booking(meeting_request: MeetingRequest) -> MeetingBooking | None:
    try:
        return meeting_request.booking
    except MeetingBooking.DoesNotExist:
        return None


def _contact(meeting_request: MeetingRequest, registration: Registration) -> dict:
    """The other person's details: only ever built for an accepted request."""
    item = meeting_request.item
    if item.owner_id == registration.pk:
        requester = meeting_request.requester
        return {
            "name": requester.name,
            "organization": requester.organization,
            "email": requester.email,
            "phone": "",
        }
    return {
        "name": item.contact_name or item.owner.name,
        "organization": item.organization_name,
        "email": item.contact_email or item.owner.email,
        "phone": item.contact_phone,
    }


def page_section(registration: Registration, token: str) -> dict | None:
    """Requests received (to answer), requests sent, and booked meetings; nothing when none."""
    rows = []
    for meeting_request in _requests(registration):
        received = meeting_request.item.owner_id == registration.pk
        accepted = meeting_request.status == RequestStatus.ACCEPTED
        rows.append(
            {
                "request": meeting_request,
                "received": received,
                "booking": _booking(meeting_request) if accepted else None,
                "contact": _contact(meeting_request, registration) if accepted else None,
                "may_answer": received
                and services.answer_refusal(meeting_request, registration) is None,
                "may_cancel": services.cancel_refusal(meeting_request, registration) is None,
            }
        )
    if not rows:
        return None
    return {
        "template": SECTION_TEMPLATE,
        "context": {
            "received": [row for row in rows if row["received"]],
            "sent": [row for row in rows if not row["received"]],
            "has_bookings": any(row["booking"] for row in rows),
            "time_zone": registration.edition.time_zone,
        },
    }


def exported_data(registration: Registration) -> dict:
    """The requests the attendee received and every meeting booked for them (plain data)."""
    received = (
        MeetingRequest.objects.filter(item__owner=registration)
        .select_related("item", "requester")
        .order_by("created_at", "pk")
    )
    bookings = (
        MeetingBooking.objects.filter(participants__registration=registration)
        .select_related("session", "request__item")
        .order_by("slot_start", "pk")
    )
    return {
        "requests_received": [
            {
                "item": meeting_request.item.title,
                "from": meeting_request.requester.name,
                "message": meeting_request.message,
                "status": meeting_request.status,
                "sent_at": meeting_request.created_at,
                "answered_at": meeting_request.answered_at,
            }
            for meeting_request in received
        ],
        "meetings": [
            {
                "item": booking.request.item.title,
                "starts_at": booking.slot_start,
                "ends_at": booking.slot_end,
                "online": booking.is_online,
                "table": booking.table,
                "room": booking.session.room_name,
                "held_at": booking.held_at,
            }
            for booking in bookings
        ],
    }
