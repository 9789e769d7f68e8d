"""Meetings in the admin: sessions defined, requests exported, bookings marked held."""

import csv
import io

from django.urls import reverse

from cooperation import services
from cooperation.meetings_export import MeetingRequestResource
from cooperation.models import MeetingSession
from tests.factories import CooperationItemFactory, MeetingSessionFactory


def booked_meeting(confirmed, open_edition):
    owner = confirmed(edition=open_edition, name="Wang Jianguo")
    requester = confirmed(edition=open_edition, name="=HYPERLINK(1)")
    item = CooperationItemFactory(edition=open_edition, owner=owner, title_en="Furnace data")
    MeetingSessionFactory(edition=open_edition)
    meeting_request = services.request_meeting(registration=requester, item=item, message="")
    return services.accept_request(meeting_request=meeting_request, registration=owner)


def test_organizers_define_a_meeting_session(client, organizer, open_edition):
    client.force_login(organizer)
    response = client.post(
        reverse("admin:cooperation_meetingsession_add"),
        {
            "edition": open_edition.pk,
            "name_en": "Matchmaking, day 1",
            "name_zh_hans": "第一天洽谈会",
            "starts_at_0": "2030-05-20",
            "starts_at_1": "14:00",
            "ends_at_0": "2030-05-20",
            "ends_at_1": "17:00",
            "slot_minutes": "20",
            "tables": "15",
            "room_name_en": "Hall B",
            "online_slots": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = MeetingSession.objects.get()
    assert len(session.slot_starts()) == 9


def test_a_session_with_online_places_needs_a_link(client, organizer, open_edition):
    client.force_login(organizer)
    response = client.post(
        reverse("admin:cooperation_meetingsession_add"),
        {
            "edition": open_edition.pk,
            "name_en": "Online",
            "starts_at_0": "2030-05-20",
            "starts_at_1": "14:00",
            "ends_at_0": "2030-05-20",
            "ends_at_1": "15:00",
            "slot_minutes": "20",
            "tables": "0",
            "online_slots": "3",
        },
    )
    assert response.status_code == 200
    assert "Online meetings need a video link." in response.content.decode()
    assert not MeetingSession.objects.exists()


def test_meeting_requests_export_with_their_booking(client, organizer, confirmed, open_edition):
    booked_meeting(confirmed, open_edition)
    client.force_login(organizer)
    names = MeetingRequestResource().get_export_order()
    ticked = {f"meetingrequestresource_{name}": "on" for name in names}
    response = client.post(
        reverse("admin:cooperation_meetingrequest_export"),
        {"format": "0", "resource": "0", **ticked},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["cooperation item"] == "Furnace data"
    assert row["requested by"] == "'=HYPERLINK(1)"
    assert row["place"] == "1"


def test_the_bookings_list_marks_meetings_held(client, organizer, confirmed, open_edition):
    meeting_request = booked_meeting(confirmed, open_edition)
    client.force_login(organizer)
    response = client.post(
        reverse("admin:cooperation_meetingbooking_changelist"),
        {"action": "mark_held", "_selected_action": [meeting_request.booking.pk]},
    )
    assert response.status_code == 302
    meeting_request.booking.refresh_from_db()
    assert meeting_request.booking.held_by == organizer
