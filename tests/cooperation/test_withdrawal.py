"""An attendee whose registration is cancelled leaves the board at once: items, requests and
meetings, in the cancellation's own transaction."""

import feedparser
import pytest
from django.core import mail
from django.urls import reverse

from attendees import links
from attendees import services as attendee_services
from attendees.models import RegistrationStatus
from cooperation import services
from cooperation.models import (
    CooperationItem,
    MeetingBooking,
    MeetingParticipant,
    MeetingRequest,
)
from cooperation.services.withdrawal import REGISTRATION_CANCELLED
from tests.factories import CooperationItemFactory, MeetingSessionFactory

Status = MeetingRequest.Status


@pytest.fixture
def leaving(confirmed, open_edition):
    return confirmed(edition=open_edition, name="Zhao Min", email="zhao@example.org")


@pytest.fixture
def other(confirmed, open_edition):
    return confirmed(edition=open_edition, name="Anna Keller", email="anna@example.org")


@pytest.fixture
def meeting_session(open_edition):
    return MeetingSessionFactory(edition=open_edition)


def item_of(owner, **kwargs):
    return CooperationItemFactory(edition=owner.edition, owner=owner, **kwargs)


def ask(requester, item):
    return services.request_meeting(registration=requester, item=item, message="Let us talk.")


def public_addresses(item) -> dict[str, str]:
    year = item.edition.year
    return {
        "board": reverse("cooperation:board", kwargs={"year": year}),
        "feed": reverse("cooperation:feed", kwargs={"year": year}),
        "atom": reverse("cooperation:atom", kwargs={"year": year}),
        "api": reverse("api:list_cooperation_items") + f"?edition={year}",
    }


def test_cancelling_takes_the_items_off_the_board_feeds_and_api_at_once(client, leaving, other):
    gone = item_of(leaving, title_en="Pilot plant for sale")
    waiting = item_of(leaving, status=CooperationItem.Status.SUBMITTED, published_at=None)
    staying = item_of(other, title_en="Steel lab time")
    addresses = public_addresses(gone)
    # Pages seen once before, so the page cache holds a copy of each.
    for address in [*addresses.values(), gone.get_absolute_url()]:
        assert "Pilot plant for sale" in client.get(address).content.decode()

    attendee_services.cancel(registration=leaving)

    assert client.get(gone.get_absolute_url()).status_code == 404
    for name, address in addresses.items():
        content = client.get(address).content.decode()
        assert "Pilot plant for sale" not in content, name
        assert "Steel lab time" in content, name
    feed = feedparser.parse(client.get(addresses["feed"]).content)
    assert [entry.title for entry in feed.entries] == ["Offer: Steel lab time"]
    assert client.get(staying.get_absolute_url()).status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == CooperationItem.Status.CLOSED


def test_the_items_history_says_why_they_were_closed(leaving):
    item = item_of(leaving)
    attendee_services.cancel(registration=leaving)
    item.refresh_from_db()
    assert item.status == CooperationItem.Status.CLOSED and item.closed_at is not None
    latest = item.history.first()
    assert latest.status == CooperationItem.Status.CLOSED
    assert latest.history_change_reason == REGISTRATION_CANCELLED


def test_a_closed_item_cannot_be_published_again_by_a_moderator(leaving):
    item = item_of(leaving, status=CooperationItem.Status.SUBMITTED, published_at=None)
    attendee_services.cancel(registration=leaving)
    with pytest.raises(services.CooperationError):
        services.publish_item(item=item)


def test_pending_requests_are_withdrawn_and_declined_with_an_email_each(leaving, other, send_mail):
    theirs = item_of(other, title_en="Furnace sensors")
    mine = item_of(leaving, title_en="Rolling mill data")
    sent = ask(leaving, theirs)
    received = ask(other, mine)

    with send_mail():
        attendee_services.cancel(registration=leaving)

    sent.refresh_from_db()
    received.refresh_from_db()
    assert (sent.status, received.status) == (Status.CANCELLED, Status.DECLINED)
    assert sent.cancelled_at is not None and received.answered_at is not None
    assert received.history.first().history_change_reason == REGISTRATION_CANCELLED
    to_other = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    subjects = sorted(message.subject for message in to_other)
    assert len(subjects) == 2
    assert any("cancelled" in subject for subject in subjects)
    declined = next(message for message in to_other if "Rolling mill data" in message.body)
    assert "cannot meet you" in declined.body
    # The declined note points to the board, not to the item's page, which is gone.
    board = links.absolute(reverse("cooperation:board", kwargs={"year": mine.edition.year}))
    assert board in declined.body and mine.get_absolute_url() not in declined.body
    # Nothing about the board for the attendee who left, beyond the cancellation itself.
    to_leaving = [message for message in mail.outbox if message.to == ["zhao@example.org"]]
    assert len(to_leaving) == 1


def test_booked_meetings_are_cancelled_and_their_slots_freed(
    leaving, other, confirmed, open_edition, meeting_session, send_mail
):
    theirs = item_of(other)
    mine = item_of(leaving)
    asked_by_leaving = ask(leaving, theirs)
    services.accept_request(meeting_request=asked_by_leaving, registration=other)
    asked_of_leaving = ask(other, mine)
    services.accept_request(meeting_request=asked_of_leaving, registration=leaving)
    assert MeetingBooking.objects.count() == 2

    with send_mail():
        attendee_services.cancel(registration=leaving)

    assert MeetingBooking.objects.count() == 0
    assert not MeetingParticipant.objects.exists()
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    assert [message.to for message in mail.outbox].count(["anna@example.org"]) == 2
    # The first slot is free again: the next meeting booked takes it.
    third = confirmed(edition=open_edition, email="third@example.org")
    services.accept_request(meeting_request=ask(third, theirs), registration=other)
    assert MeetingBooking.objects.get().slot_start == meeting_session.starts_at


def test_a_meeting_that_took_place_stays_as_it_was(leaving, other, meeting_session, organizer):
    meeting_request = ask(leaving, item_of(other))
    services.accept_request(meeting_request=meeting_request, registration=other)
    booking = MeetingBooking.objects.get(request=meeting_request)
    services.mark_held(booking=booking, user=organizer)

    attendee_services.cancel(registration=leaving)

    meeting_request.refresh_from_db()
    assert meeting_request.status == Status.ACCEPTED
    assert MeetingBooking.objects.filter(pk=booking.pk, held_at__isnull=False).exists()


def test_requests_and_meetings_of_other_attendees_are_untouched(
    leaving, other, confirmed, open_edition, meeting_session
):
    third = confirmed(edition=open_edition, email="third@example.org")
    item = item_of(other)
    pending = ask(third, item)
    item_of(leaving)
    attendee_services.cancel(registration=leaving)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    item.refresh_from_db()
    assert item.status == CooperationItem.Status.PUBLISHED


def test_the_board_changes_roll_back_with_a_refused_cancellation(leaving, other, monkeypatch):
    """The cancellation and the board's changes are one transaction: neither without the other."""
    item = item_of(leaving)
    sent = ask(leaving, item_of(other))

    def fail(*args):
        raise RuntimeError("a later step of the cancellation failed")

    # The promotion of the waitlist comes after the board's receiver has run.
    monkeypatch.setattr("attendees.services.places._promote", fail)
    with pytest.raises(RuntimeError):
        attendee_services.cancel(registration=leaving)

    leaving.refresh_from_db()
    item.refresh_from_db()
    sent.refresh_from_db()
    assert leaving.status != RegistrationStatus.CANCELLED
    assert item.status == CooperationItem.Status.PUBLISHED
    assert sent.status == Status.PENDING


def test_cancelling_on_the_personal_page_empties_the_board(client, leaving):
    item = item_of(leaving, title_en="Pilot plant for sale")
    url = links.manage_url(leaving, "attendees:cancel")
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert client.get(item.get_absolute_url()).status_code == 404


def test_a_cancelled_owner_can_no_longer_accept_a_request(leaving, other, meeting_session):
    meeting_request = ask(other, item_of(leaving))
    stale = leaving  # the object a page loaded before the cancellation
    attendee_services.cancel(registration=leaving)
    with pytest.raises(services.CooperationError):
        services.accept_request(meeting_request=meeting_request, registration=stale)
    assert not MeetingBooking.objects.exists()
