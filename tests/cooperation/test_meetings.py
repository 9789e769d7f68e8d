"""Meeting requests, their answers and bookings: what each person sees, receives and may do."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from attendees import links
from cooperation import services
from cooperation.models import MeetingBooking, MeetingParticipant, MeetingRequest
from tests.factories import CooperationItemFactory, MeetingSessionFactory


@pytest.fixture
def owner(confirmed, open_edition):
    return confirmed(edition=open_edition, name="Wang Jianguo", email="owner@example.org")


@pytest.fixture
def requester(confirmed, open_edition):
    return confirmed(
        edition=open_edition, name="Anna Keller", email="anna@example.org", organization="TU Graz"
    )


@pytest.fixture
def item(owner):
    return CooperationItemFactory(
        edition=owner.edition,
        owner=owner,
        title_en="Sensor data for blast furnaces",
        contact_name="Wang Jianguo",
        contact_email="wang.lab@example.edu.cn",
        contact_phone="+86 24 8368 0000",
    )


@pytest.fixture
def meeting_session(open_edition):
    return MeetingSessionFactory(edition=open_edition)


def ask(requester, item, message="We build furnace models."):
    return services.request_meeting(registration=requester, item=item, message=message)


def test_a_request_emails_the_owner_without_the_requesters_address(requester, item, send_mail):
    with send_mail():
        meeting_request = ask(requester, item)
    assert meeting_request.status == MeetingRequest.Status.PENDING
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "Anna Keller" in message.body and "TU Graz" in message.body
    assert "We build furnace models." in message.body
    assert "anna@example.org" not in message.body


def test_accepting_books_the_first_free_slot_and_exchanges_contacts(
    requester, item, owner, meeting_session, send_mail
):
    meeting_request = ask(requester, item)
    with send_mail():
        services.accept_request(meeting_request=meeting_request, registration=owner)
    booking = MeetingBooking.objects.get(request=meeting_request)
    assert booking.slot_start == meeting_session.starts_at
    assert (booking.is_online, booking.table) == (False, 1)
    assert set(MeetingParticipant.objects.values_list("registration_id", flat=True)) == {
        owner.pk,
        requester.pk,
    }
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert "wang.lab@example.edu.cn" in by_recipient["anna@example.org"]
    assert "anna@example.org" in by_recipient["owner@example.org"]
    assert "Hall B" in by_recipient["anna@example.org"]


def test_an_online_attendee_meets_online(confirmed, open_edition, item, owner, meeting_session):
    remote = confirmed(edition=open_edition, mode="online", email="remote@example.org")
    meeting_request = ask(remote, item)
    services.accept_request(meeting_request=meeting_request, registration=owner)
    booking = meeting_request.booking
    assert (booking.is_online, booking.table) == (True, 1)


def test_a_person_is_never_in_two_meetings_at_once(confirmed, open_edition, owner, meeting_session):
    items = [CooperationItemFactory(edition=open_edition, owner=owner) for _ in range(3)]
    bookings = []
    for item in items:
        someone = confirmed(edition=open_edition)
        meeting_request = ask(someone, item)
        services.accept_request(meeting_request=meeting_request, registration=owner)
        bookings.append(MeetingBooking.objects.get(request=meeting_request))
    starts = [booking.slot_start for booking in bookings]
    assert len(set(starts)) == 3
    assert starts == sorted(starts)


def test_a_table_never_holds_two_meetings(confirmed, open_edition, meeting_session):
    meeting_session.tables = 1
    meeting_session.online_slots = 0
    meeting_session.video_link = ""
    meeting_session.ends_at = meeting_session.starts_at + datetime.timedelta(minutes=20)
    meeting_session.save()
    first_owner, second_owner = confirmed(edition=open_edition), confirmed(edition=open_edition)
    answered = []
    for owner in (first_owner, second_owner):
        item = CooperationItemFactory(edition=open_edition, owner=owner)
        meeting_request = ask(confirmed(edition=open_edition), item)
        answered.append(
            services.accept_request(meeting_request=meeting_request, registration=owner)
        )
    assert MeetingBooking.objects.count() == 1
    assert answered[1].status == MeetingRequest.Status.ACCEPTED
    assert not MeetingBooking.objects.filter(request=answered[1]).exists()


def test_cancelling_frees_the_slot_and_tells_the_other(
    requester, item, owner, meeting_session, send_mail
):
    meeting_request = ask(requester, item)
    services.accept_request(meeting_request=meeting_request, registration=owner)
    with send_mail():
        services.cancel_meeting(meeting_request=meeting_request, registration=requester)
    assert not MeetingBooking.objects.exists()
    assert not MeetingParticipant.objects.exists()
    meeting_request.refresh_from_db()
    assert meeting_request.status == MeetingRequest.Status.CANCELLED
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "its slot is free again" in message.body


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "was cancelled before a time was booked"), ("zh-hans", "已在安排时间之前取消")],
)
def test_a_request_cancelled_before_it_was_booked_says_so(
    requester, item, owner, send_mail, language, words
):
    owner.language = language
    owner.save(update_fields=["language"])
    meeting_request = ask(requester, item)
    with send_mail():
        services.cancel_meeting(meeting_request=meeting_request, registration=requester)
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert words in message.body
    assert "free again" not in message.body and "已释放" not in message.body


def test_declining_tells_the_requester(requester, item, owner, send_mail):
    meeting_request = ask(requester, item)
    with send_mail():
        services.decline_request(meeting_request=meeting_request, registration=owner)
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "wang.lab@example.edu.cn" not in message.body


@pytest.mark.parametrize(
    "case",
    ["own item", "twice", "organizers' item", "unconfirmed", "other edition", "not published"],
)
def test_refused_requests_write_nothing(case, requester, item, owner, confirmed):
    from tests.factories import OpenEditionFactory, RegistrationFactory

    registration, target = requester, item
    if case == "own item":
        registration = owner
    elif case == "twice":
        ask(requester, item)
    elif case == "organizers' item":
        target = CooperationItemFactory(edition=item.edition)
    elif case == "unconfirmed":
        registration = RegistrationFactory(edition=item.edition)
    elif case == "other edition":
        registration = confirmed(edition=OpenEditionFactory())
    elif case == "not published":
        target = CooperationItemFactory(edition=item.edition, owner=owner, status="submitted")
    before = MeetingRequest.objects.count()
    with pytest.raises(services.CooperationError):
        ask(registration, target)
    assert MeetingRequest.objects.count() == before


def test_only_the_owner_answers(requester, item):
    meeting_request = ask(requester, item)
    with pytest.raises(services.CooperationError):
        services.accept_request(meeting_request=meeting_request, registration=requester)
    meeting_request.refresh_from_db()
    assert meeting_request.status == MeetingRequest.Status.PENDING


def test_the_desk_marks_a_meeting_held_once(requester, item, owner, meeting_session):
    from tests.factories import UserFactory

    meeting_request = ask(requester, item)
    services.accept_request(meeting_request=meeting_request, registration=owner)
    desk = UserFactory(is_staff=True)
    first = services.mark_held(booking=meeting_request.booking, user=desk)
    again = services.mark_held(booking=meeting_request.booking, user=None)
    assert again.held_at == first.held_at and again.held_by == desk
    with pytest.raises(services.CooperationError):
        services.cancel_meeting(meeting_request=meeting_request, registration=owner)


# Pages -----------------------------------------------------------------------------------------


def personal_url(registration):
    return links.manage_path(registration)


def test_the_ask_page_explains_how_to_sign_in(client, item):
    response = client.get(reverse("cooperation:ask_meeting", args=[item.edition.year, item.slug]))
    assert response.status_code == 200
    assert "personal link" in response.content.decode()
    assert "<textarea" not in response.content.decode()


def test_asking_through_the_personal_link(client, requester, item, send_mail):
    client.get(personal_url(requester))
    address = reverse("cooperation:ask_meeting", args=[item.edition.year, item.slug])
    assert "<textarea" in client.get(address).content.decode()
    with send_mail():
        response = client.post(address, {"message": "Let us talk."})
    assert response.status_code == 302
    assert MeetingRequest.objects.get().message == "Let us talk."
    assert len(mail.outbox) == 1
    again = client.post(address, {"message": "Again"})
    assert again.status_code == 409
    assert MeetingRequest.objects.count() == 1


def test_a_revoked_link_no_longer_asks(client, requester, item):
    client.get(personal_url(requester))
    requester.access_secret = "replaced-" + requester.access_secret[:20]
    requester.save(update_fields=["access_secret"])
    address = reverse("cooperation:ask_meeting", args=[item.edition.year, item.slug])
    response = client.post(address, {"message": "Hello"})
    assert response.status_code == 200
    assert not MeetingRequest.objects.exists()


def test_too_long_a_message_is_refused_with_a_message(client, requester, item):
    client.get(personal_url(requester))
    address = reverse("cooperation:ask_meeting", args=[item.edition.year, item.slug])
    response = client.post(address, {"message": "x" * 1001})
    assert response.status_code == 400
    assert not MeetingRequest.objects.exists()


def test_personal_pages_show_the_meeting_and_contacts_only_once_accepted(
    client, requester, item, owner, meeting_session
):
    meeting_request = ask(requester, item)
    owner_page = client.get(personal_url(owner)).content.decode()
    assert "Anna Keller" in owner_page and "anna@example.org" not in owner_page
    assert (
        reverse(
            "cooperation:accept_meeting",
            args=[owner.edition.year, links.manage_token(owner), meeting_request.pk],
        )
        in owner_page
    )
    requester_page = client.get(personal_url(requester)).content.decode()
    assert "wang.lab@example.edu.cn" not in requester_page

    accept = reverse(
        "cooperation:accept_meeting",
        args=[owner.edition.year, links.manage_token(owner), meeting_request.pk],
    )
    assert client.post(accept).status_code == 302
    owner_page = client.get(personal_url(owner)).content.decode()
    requester_page = client.get(personal_url(requester)).content.decode()
    assert "anna@example.org" in owner_page
    assert "wang.lab@example.edu.cn" in requester_page
    assert "Hall B" in requester_page
    calendar = reverse(
        "cooperation:meetings_calendar",
        args=[requester.edition.year, links.manage_token(requester)],
    )
    assert calendar in requester_page
    ics = client.get(calendar)
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "Hall B" in body
    assert "TZID=Asia/Shanghai" in body


def test_someone_elses_request_cannot_be_answered(client, requester, item, confirmed):
    meeting_request = ask(requester, item)
    stranger = confirmed(edition=item.edition)
    accept = reverse(
        "cooperation:accept_meeting",
        args=[stranger.edition.year, links.manage_token(stranger), meeting_request.pk],
    )
    assert client.post(accept).status_code == 404
    meeting_request.refresh_from_db()
    assert meeting_request.status == MeetingRequest.Status.PENDING


def test_the_desk_needs_the_permission(client, requester, item, owner, meeting_session):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    meeting_request = ask(requester, item)
    services.accept_request(meeting_request=meeting_request, registration=owner)
    address = reverse("cooperation:desk", args=[item.edition.year])
    nobody = UserFactory(is_staff=True)
    client.force_login(nobody)
    assert client.get(address).status_code == 403
    desk = UserFactory(is_staff=True)
    desk.groups.add(Group.objects.get(name="Check-in desk"))
    client.force_login(desk)
    day = meeting_session.starts_at.astimezone(item.edition.tzinfo).date().isoformat()
    page = client.get(f"{address}?day={day}")
    assert page.status_code == 200
    assert item.title in page.content.decode()
    held = reverse("cooperation:mark_held", args=[item.edition.year, meeting_request.booking.pk])
    assert client.post(held).status_code == 302
    meeting_request.booking.refresh_from_db()
    assert meeting_request.booking.held_by == desk


def test_the_data_download_holds_the_meetings(client, requester, item, owner, meeting_session):
    meeting_request = ask(requester, item)
    services.accept_request(meeting_request=meeting_request, registration=owner)
    data = client.get(links.manage_path(owner, "attendees:download_data")).json()
    meetings = data["cooperation_meetings"]
    assert meetings["requests_received"][0]["from"] == "Anna Keller"
    assert len(meetings["meetings"]) == 1


def test_meeting_requests_are_rate_limited_per_attendee(client, settings, requester, owner):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "cooperation.meeting_request": "2/h"}
    client.get(personal_url(requester))
    items = [CooperationItemFactory(edition=owner.edition, owner=owner) for _ in range(3)]
    answers = []
    for number, item in enumerate(items):
        address = reverse("cooperation:ask_meeting", args=[item.edition.year, item.slug])
        # A new address each time: the limit follows the attendee, not the connection.
        answers.append(client.post(address, {"message": "Hi"}, REMOTE_ADDR=f"203.0.113.{number}"))
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert MeetingRequest.objects.count() == 2
