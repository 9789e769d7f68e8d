"""The attendee's personal page: status, ticket, online links, changes, cancel, data, delete."""

import datetime
import json

import pytest
from django.utils import timezone

from attendees import links, services
from attendees.models import Registration
from events.models import Session
from tests.factories import RegistrationFactory, SessionFactory, SubForumFactory

Status = Registration.Status
pytestmark = pytest.mark.django_db

MEETING_URL = "https://meeting.example.org/secret-room"
STREAM_URL = "https://live.example.org/attendees-only"


def page(client, registration, name="attendees:manage"):
    return client.get(links.manage_path(registration, name))


def post(client, registration, name, data=None):
    return client.post(links.manage_path(registration, name), data or {})


@pytest.fixture
def online_material(open_edition):
    """A sub-forum with a meeting link and a session streamed to registered attendees only."""
    sub_forum = SubForumFactory(edition=open_edition, online_meeting_url=MEETING_URL)
    SessionFactory(
        edition=open_edition,
        sub_forum=sub_forum,
        livestream_url=STREAM_URL,
        link_visibility=Session.Visibility.ATTENDEES,
    )
    return sub_forum


def test_the_page_shows_the_status_and_details(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition, name="Chen Jing", organization="NEU")
    response = page(client, registration)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chen Jing" in content and "NEU" in content
    assert "Confirmed" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_tampered_personal_link_gives_a_friendly_400(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    token = links.manage_token(registration)
    response = client.get(f"/{open_edition.year}/registration/{token[:-1]}x/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_revoked_links_stop_working(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    old = links.manage_path(registration)
    services.revoke_links(registration=registration)
    assert client.get(old).status_code == 400
    assert page(client, registration).status_code == 200


def test_a_waitlisted_attendee_sees_their_position(client, small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    content = page(client, waiting).content.decode()
    assert "You are number 2 on the waitlist" in content
    assert "ticket__qr" not in content


def test_a_confirmed_on_site_attendee_sees_the_ticket(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    content = page(client, registration).content.decode()
    assert '<img src="data:image/svg+xml' in content
    assert registration.ticket_code[:4] in content
    png = page(client, registration, "attendees:ticket_png")
    assert png.status_code == 200
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # unconfirmed
        {"status": Status.WAITLISTED, "waitlisted_at": timezone.now()},
        {"status": Status.CONFIRMED, "mode": Registration.Mode.ONLINE},
        {"status": Status.CANCELLED},
    ],
)
def test_no_ticket_without_a_confirmed_on_site_place(client, open_edition, kwargs):
    registration = RegistrationFactory(edition=open_edition, **kwargs)
    assert "<svg" not in page(client, registration).content.decode()
    assert page(client, registration, "attendees:ticket_png").status_code == 404


def test_a_confirmed_online_attendee_gets_the_private_links(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(
        edition=open_edition, mode=Registration.Mode.ONLINE, sub_forums=[online_material]
    )
    content = page(client, registration).content.decode()
    assert "Join online" in content
    assert online_material.title in content
    assert "/join/meeting/" in content and "/join/livestream/" in content
    # The addresses themselves stay behind the personal link.
    assert MEETING_URL not in content


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mode": Registration.Mode.ON_SITE, "status": Status.CONFIRMED},
        {"mode": Registration.Mode.ONLINE},  # unconfirmed
        {"mode": Registration.Mode.ONLINE, "status": Status.PENDING_APPROVAL},
        {
            "mode": Registration.Mode.ONLINE,
            "status": Status.WAITLISTED,
            "waitlisted_at": timezone.now(),
        },
        {"mode": Registration.Mode.ONLINE, "status": Status.CANCELLED},
        {"mode": Registration.Mode.ONLINE, "status": Status.REJECTED},
    ],
)
def test_meeting_links_are_never_shown_to_anyone_else(
    client, open_edition, online_material, kwargs
):
    registration = RegistrationFactory(edition=open_edition, sub_forums=[online_material], **kwargs)
    content = page(client, registration).content.decode()
    assert "/join/" not in content
    assert MEETING_URL not in content and STREAM_URL not in content
    join = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert join.status_code == 404


def test_meeting_links_are_not_on_public_pages(client, open_edition, online_material):
    for url in (
        f"/{open_edition.year}/sub-forums/{online_material.slug}/",
        f"/{open_edition.year}/program/",
    ):
        content = client.get(url).content.decode()
        assert MEETING_URL not in content and STREAM_URL not in content


def test_opening_a_private_link_redirects_and_records_presence(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(
        edition=open_edition, mode=Registration.Mode.ONLINE, sub_forums=[online_material]
    )
    response = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == MEETING_URL
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by is None


def test_a_link_of_a_sub_forum_not_chosen_is_refused(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(edition=open_edition, mode=Registration.Mode.ONLINE)
    response = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert response.status_code == 404


def test_editing_details(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    response = post(
        client,
        registration,
        "attendees:update_details",
        {
            "name": "New Name",
            "organization": "New Org",
            "organization_type": "enterprise",
            "country": "DE",
            "category": "industry",
            "public_listing_consent": "on",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.country.code) == ("New Name", "DE")
    assert registration.public_listing_consent
    assert "Your details are saved." in client.get(response["Location"]).content.decode()


def test_invalid_details_are_explained_and_not_saved(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition, name="Old Name")
    response = post(
        client,
        registration,
        "attendees:update_details",
        {
            "name": "",
            "organization": "X",
            "organization_type": "enterprise",
            "country": "DE",
            "category": "industry",
            "needs_visa_letter": "on",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "This field is required." in content
    assert "Needed for the visa invitation letter." in content
    registration.refresh_from_db()
    assert registration.name == "Old Name"


def test_switching_mode(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    response = post(client, registration, "attendees:switch_mode", {"mode": "online"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.mode == Registration.Mode.ONLINE


def test_switching_to_a_full_mode_explains_why(client, small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    online = confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    response = post(client, online, "attendees:switch_mode", {"mode": "on_site"})
    assert "All on-site seats are taken." in client.get(response["Location"]).content.decode()


def test_choosing_sub_forums(client, open_edition, confirmed):
    chosen = SubForumFactory(edition=open_edition)
    registration = confirmed(edition=open_edition)
    post(client, registration, "attendees:change_sub_forums", {"sub_forums": [chosen.pk]})
    assert list(registration.sub_forums.all()) == [chosen]


def test_cancelling_asks_first_then_cancels_and_promotes(
    client, small_edition, confirmed, send_mail, mailoutbox
):
    leaving = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    question = page(client, leaving, "attendees:cancel")
    assert question.status_code == 200
    assert "Cancel your registration?" in question.content.decode()
    assert post(client, leaving, "attendees:cancel").status_code == 400  # box not ticked
    with send_mail():
        response = post(client, leaving, "attendees:cancel", {"confirm": "on"})
    assert response.status_code == 302
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert {m.to[0] for m in mailoutbox} == {leaving.email, waiting.email}
    assert "This registration was cancelled" in client.get(response["Location"]).content.decode()


def test_downloading_own_data(client, open_edition, confirmed):
    sub_forum = SubForumFactory(edition=open_edition)
    registration = confirmed(
        edition=open_edition,
        sub_forums=[sub_forum],
        needs_visa_letter=True,
        nationality="FR",
        passport_number="P1",
        date_of_birth=datetime.date(1990, 1, 2),
    )
    response = page(client, registration, "attendees:download_data")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == registration.email
    assert data["passport_number"] == "P1"
    assert data["status"] == "confirmed"
    assert data["sub_forums"] == [{"slug": sub_forum.slug, "title": sub_forum.title}]


def test_deleting_asks_first_then_erases_everything(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    url = links.manage_path(registration)
    assert (
        "Delete your registration and your data?"
        in page(client, registration, "attendees:delete").content.decode()
    )
    response = post(client, registration, "attendees:delete", {"confirm": "on"})
    assert response.status_code == 200
    assert "Your registration is deleted" in response.content.decode()
    assert not Registration.objects.exists()
    assert client.get(url).status_code == 400


def test_changes_are_refused_after_cancellation(client, open_edition):
    registration = RegistrationFactory(edition=open_edition, status=Status.CANCELLED)
    content = page(client, registration).content.decode()
    assert "Change your details" not in content
    post(client, registration, "attendees:switch_mode", {"mode": "online"})
    registration.refresh_from_db()
    assert registration.mode == Registration.Mode.ON_SITE
