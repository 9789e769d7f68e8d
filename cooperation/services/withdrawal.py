"""An attendee who cancels their registration leaves the board: their offers and needs, and
the meetings they asked for or were asked for.

Runs inside the transaction that cancels the registration (attendees' `registration_cancelled`
signal, `cooperation.receivers`), on the attendee's locked row: the registration is cancelled
and everything here is done together, or neither.
"""

from django.utils import timezone

from attendees.models import Registration

from ..models import CooperationItem, ItemStatus, MeetingBooking, MeetingRequest, RequestStatus
from .meetings import _cancel, _decline

# What the history of each item and request records as the reason. Stored data, in English as
# every other history entry, not a message: it is not translated.
REGISTRATION_CANCELLED = "Closed: the attendee's registration was cancelled"


def withdraw_attendee(*, registration: Registration) -> None:
    """Take an attendee whose registration is cancelled off the board.

    Side effects, in the caller's transaction:
    - their items waiting for moderation or published are closed: off the board, its feeds and
      the API, their pages a 404; each history entry gives the reason. No email: the attendee
      has the cancellation's.
    - requests they sent that wait for an answer are withdrawn (cancelled), and the owner of
      the item is emailed, as when the attendee withdraws one themselves;
    - requests about their items that wait for an answer are declined: each requester receives
      the usual polite note;
    - accepted meetings on either side are cancelled: the booking goes, which frees the slot
      and both seats, and the other person is emailed. A meeting the desk marked as held
      stays as it was: it took place.
    """
    now = timezone.now()
    items = (
        CooperationItem.objects.select_for_update()
        .filter(owner=registration, status__in=ItemStatus.closable())
        .order_by("pk")
    )
    for item in items:
        item.status = ItemStatus.CLOSED
        item.closed_at = now
        item._change_reason = REGISTRATION_CANCELLED
        item.save()

    held = MeetingBooking.objects.filter(held_at__isnull=False).values("request_id")
    requests = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .involving(registration)
        .open()
        .exclude(pk__in=held)
        .select_related("item__owner", "item__edition", "requester")
        .order_by("pk")
    )
    for meeting_request in requests:
        if meeting_request.status == RequestStatus.PENDING and (
            meeting_request.item.owner_id == registration.pk
        ):
            _decline(meeting_request, reason=REGISTRATION_CANCELLED)
        else:
            _cancel(meeting_request, by=registration, reason=REGISTRATION_CANCELLED)
