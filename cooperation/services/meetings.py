"""One-to-one meetings: asked for by an attendee, answered by the item's owner, booked, held.

Each function is one transaction; its emails go to the outbox in the same transaction, each in
the recipient's language. Contact details travel only with an accepted request.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendees.models import Registration

from ..emails import meetings as emails
from ..models import (
    CooperationItem,
    ItemStatus,
    MeetingBooking,
    MeetingRequest,
    RequestStatus,
)
from .booking import book_slot
from .exceptions import CooperationError

# Requests one attendee may have waiting for an answer at once: enough to meet every partner
# they came for, few enough that nobody can send the whole board a request.
MAX_PENDING_REQUESTS = 20


def _may_take_part(registration: Registration) -> bool:
    return registration.holds_place and not registration.is_anonymized


def request_refusal(registration: Registration, item: CooperationItem) -> str | None:
    """Why this attendee may not ask for a meeting about this item now, or ``None``."""
    if not _may_take_part(registration):
        return _("Only confirmed attendees can ask for meetings.")
    if item.status != ItemStatus.PUBLISHED or item.edition_id != registration.edition_id:
        return _("This offer or need is not on the board of your conference.")
    if item.owner_id is None:
        return _(
            "The organizers published this offer or need: write to the conference's contact "
            "address to be put in touch."
        )
    if item.owner_id == registration.pk:
        return _("This is your own offer or need.")
    if registration.cooperation_requests.open().filter(item=item).exists():
        return _("You have already asked for a meeting about this offer or need.")
    if registration.cooperation_requests.pending().count() >= MAX_PENDING_REQUESTS:
        return _(
            "You have %(count)d requests waiting for an answer, the most one attendee may "
            "have. Wait for answers, or withdraw one."
        ) % {"count": MAX_PENDING_REQUESTS}
    return None


def request_meeting(
    *, registration: Registration, item: CooperationItem, message: str
) -> MeetingRequest:
    """Ask the owner of ``item`` for a meeting.

    Side effects: a pending request; the owner is emailed. Raises `CooperationError` when
    `request_refusal` refuses.
    """
    with transaction.atomic():
        # The requester's row bounds their pending requests: two forms sent at once queue here.
        locked = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        # The item's row too: an owner whose registration is being cancelled closes it at the
        # same moment (`withdrawal`), and a request must not slip in behind that.
        item = (
            CooperationItem.objects.select_for_update(of=("self",))
            .select_related("owner", "edition")
            .filter(pk=item.pk)
            .first()
        )
        if locked is None or item is None:
            raise CooperationError(_("This offer or need is no longer on the board."))
        refusal = request_refusal(locked, item)
        if refusal:
            raise CooperationError(refusal)
        try:
            with transaction.atomic():
                meeting_request = MeetingRequest.objects.create(
                    item=item, requester=locked, message=message.strip()
                )
        except IntegrityError as error:
            raise CooperationError(
                _("You have already asked for a meeting about this offer or need.")
            ) from error
        emails.send_request_received(meeting_request)
        return meeting_request


def _locked_request(meeting_request: MeetingRequest) -> MeetingRequest:
    fresh = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("item__owner", "item__edition", "requester")
        .filter(pk=meeting_request.pk)
        .first()
    )
    if fresh is None:
        raise CooperationError(_("This meeting request no longer exists."))
    return fresh


def _lock_people(meeting_request: MeetingRequest) -> None:
    """Lock the two people's registrations, in key order, before the request's row.

    The order every change of a person's meetings takes: `book_slot` locks them again (a no-op
    then), and cancelling a registration holds the attendee's row while it withdraws their
    requests, so neither waits for the other in a circle. The answer is then decided on rows
    that cannot change under it: a registration cancelled meanwhile is seen as such.
    """
    people = (
        MeetingRequest.objects.filter(pk=meeting_request.pk)
        .values_list("requester_id", "item__owner_id")
        .first()
    )
    if people:  # else `_locked_request` says the request is gone
        ids = [pk for pk in people if pk is not None]
        list(Registration.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def answer_refusal(meeting_request: MeetingRequest, registration: Registration) -> str | None:
    """Why ``registration`` may not accept or decline this request now, or ``None``."""
    if meeting_request.item.owner_id != registration.pk:
        return _("Only the owner of the offer or need can answer this request.")
    if meeting_request.status != RequestStatus.PENDING:
        return _("This request has already been answered.")
    if not _may_take_part(registration):
        return _("Only confirmed attendees can accept meetings.")
    return None


def accept_request(
    *, meeting_request: MeetingRequest, registration: Registration, now=None
) -> MeetingRequest:
    """The owner accepts: contact details are exchanged and a slot is booked if one is free.

    Side effects: status "accepted"; a booking in the earliest slot that suits both (none when
    every slot is taken: they arrange a time themselves); both are emailed, each with the
    other's contact details and the meeting's time and place.
    """
    with transaction.atomic():
        _lock_people(meeting_request)
        meeting_request = _locked_request(meeting_request)
        refusal = answer_refusal(meeting_request, registration)
        if refusal:
            raise CooperationError(refusal)
        # Asked again of the rows just locked: either person may have cancelled meanwhile.
        if not _may_take_part(meeting_request.item.owner):
            raise CooperationError(_("Only confirmed attendees can accept meetings."))
        if not _may_take_part(meeting_request.requester):
            raise CooperationError(_("The person who asked no longer takes part."))
        meeting_request.status = RequestStatus.ACCEPTED
        meeting_request.answered_at = timezone.now()
        meeting_request.save(update_fields=["status", "answered_at", "updated_at"])
        booking = book_slot(meeting_request, now=now)
        emails.send_accepted(meeting_request, booking)
        return meeting_request


def decline_request(*, meeting_request: MeetingRequest, registration: Registration):
    """The owner declines. Side effects: status "declined"; the requester is emailed."""
    with transaction.atomic():
        meeting_request = _locked_request(meeting_request)
        refusal = answer_refusal(meeting_request, registration)
        if refusal:
            raise CooperationError(refusal)
        _decline(meeting_request)
        return meeting_request


def _decline(meeting_request: MeetingRequest, *, reason: str = "") -> None:
    """Decline a locked pending request and tell the requester (``reason``: for the history)."""
    meeting_request.status = RequestStatus.DECLINED
    meeting_request.answered_at = timezone.now()
    meeting_request._change_reason = reason or None
    meeting_request.save(update_fields=["status", "answered_at", "updated_at"])
    emails.send_declined(meeting_request)


def cancel_refusal(meeting_request: MeetingRequest, registration: Registration) -> str | None:
    """Why ``registration`` may not cancel (or withdraw) this request now, or ``None``."""
    if registration.pk not in (meeting_request.requester_id, meeting_request.item.owner_id):
        return _("Only the two people of a meeting can cancel it.")
    if meeting_request.status not in RequestStatus.open():
        return _("This request is no longer open.")
    booking = MeetingBooking.objects.filter(request=meeting_request).first()
    if booking is not None and booking.held_at is not None:
        return _("This meeting has taken place.")
    return None


def cancel_meeting(*, meeting_request: MeetingRequest, registration: Registration):
    """Either person cancels a pending or accepted request.

    Side effects: status "cancelled"; its booking is deleted, which frees the slot and both
    seats; the other person is emailed.
    """
    with transaction.atomic():
        meeting_request = _locked_request(meeting_request)
        refusal = cancel_refusal(meeting_request, registration)
        if refusal:
            raise CooperationError(refusal)
        _cancel(meeting_request, by=registration)
        return meeting_request


def _cancel(meeting_request: MeetingRequest, *, by: Registration, reason: str = "") -> None:
    """Cancel a locked open request on behalf of one of its two people, ``by``: its booking
    goes (freeing the slot and both seats) and the other person is told."""
    booked, _rows = MeetingBooking.objects.filter(request=meeting_request).delete()
    meeting_request.status = RequestStatus.CANCELLED
    meeting_request.cancelled_at = timezone.now()
    meeting_request._change_reason = reason or None
    meeting_request.save(update_fields=["status", "cancelled_at", "updated_at"])
    other = (
        meeting_request.item.owner
        if by.pk == meeting_request.requester_id
        else meeting_request.requester
    )
    if other is not None:
        emails.send_cancelled(meeting_request, recipient=other, was_booked=booked > 0)


def mark_held(*, booking: MeetingBooking, user) -> MeetingBooking:
    """The check-in desk records that a meeting took place (once; a second mark changes nothing)."""
    with transaction.atomic():
        fresh = MeetingBooking.objects.select_for_update().filter(pk=booking.pk).first()
        if fresh is None:
            raise CooperationError(_("This meeting was cancelled."))
        if fresh.held_at is None:
            fresh.held_at = timezone.now()
            fresh.held_by = user
            fresh.save(update_fields=["held_at", "held_by"])
        return fresh
