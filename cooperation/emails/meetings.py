"""What the two people of a meeting hear from each other, each in their own language."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from attendees import links
from attendees.models import Registration

from ..models import MeetingBooking, MeetingRequest
from .frame import send_email

REQUEST_SUBJECT = _("A request for a meeting at %(edition)s")
ACCEPTED_SUBJECT = _("Your meeting at %(edition)s is arranged")
DECLINED_SUBJECT = _("About your meeting request at %(edition)s")
CANCELLED_SUBJECT = _("A meeting at %(edition)s is cancelled")


def _item_url(meeting_request: MeetingRequest, registration: Registration) -> str:
    with translation.override(registration.language):
        return links.absolute(meeting_request.item.get_absolute_url())


def _board_url(meeting_request: MeetingRequest, registration: Registration) -> str:
    with translation.override(registration.language):
        return links.absolute(
            reverse("cooperation:board", kwargs={"year": meeting_request.item.edition.year})
        )


def _context(meeting_request: MeetingRequest, recipient: Registration, **extra) -> dict:
    return {
        "meeting_request": meeting_request,
        "item": meeting_request.item,
        "item_url": _item_url(meeting_request, recipient),
        **extra,
    }


def send_request_received(meeting_request: MeetingRequest):
    owner = meeting_request.item.owner
    return send_email(
        "meeting_request",
        registration=owner,
        subject=REQUEST_SUBJECT,
        context=_context(meeting_request, owner, requester=meeting_request.requester),
    )


def send_accepted(meeting_request: MeetingRequest, booking: MeetingBooking | None):
    """Both people learn the time and place, and each gets the other's contact details."""
    item, requester = meeting_request.item, meeting_request.requester
    owner = item.owner
    contacts = {
        requester.pk: {
            "name": item.contact_name or owner.name,
            "email": item.contact_email or owner.email,
            "phone": item.contact_phone,
            "organization": item.organization_name,
        },
        owner.pk: {
            "name": requester.name,
            "email": requester.email,
            "phone": "",
            "organization": requester.organization,
        },
    }
    for recipient in (requester, owner):
        send_email(
            "meeting_accepted",
            registration=recipient,
            subject=ACCEPTED_SUBJECT,
            context=_context(
                meeting_request,
                recipient,
                booking=booking,
                contact=contacts[recipient.pk],
                time_zone=item.edition.time_zone,
            ),
        )


def send_declined(meeting_request: MeetingRequest):
    requester = meeting_request.requester
    return send_email(
        "meeting_declined",
        registration=requester,
        subject=DECLINED_SUBJECT,
        # The board rather than the item, whose page is gone when its owner left the board.
        context=_context(
            meeting_request, requester, board_url=_board_url(meeting_request, requester)
        ),
    )


def send_cancelled(meeting_request: MeetingRequest, *, recipient: Registration, was_booked: bool):
    """``was_booked``: a slot had been booked (and is free again), not only asked for."""
    return send_email(
        "meeting_cancelled",
        registration=recipient,
        subject=CANCELLED_SUBJECT,
        context=_context(meeting_request, recipient, was_booked=was_booked),
    )
