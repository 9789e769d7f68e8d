"""The check-in desk at /checkin/."""

import pytest
from django.urls import reverse

from attendees import tickets
from attendees.models import Registration
from tests.factories import SubForumFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/checkin/"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_permission_are_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"code": "ANYTHING"}).status_code == 403


def test_the_desk_page_has_the_code_field_and_the_camera_script(client, staff):
    client.force_login(staff)
    content = client.get(URL).content.decode()
    assert 'name="code"' in content and "autofocus" in content
    assert "js/checkin.js" in content
    assert "<script>" not in content  # no inline script


def test_scanning_a_ticket_checks_the_attendee_in_and_shows_who_it_is(
    client, staff, open_edition, confirmed
):
    sub_forum = SubForumFactory(edition=open_edition, title_en="Smart Manufacturing")
    registration = confirmed(
        edition=open_edition,
        name="Li Wei",
        organization="Shenyang Institute",
        category=Registration.Category.POSTGRADUATE,
        sub_forums=[sub_forum],
    )
    client.force_login(staff)
    response = client.post(URL, {"code": tickets.payload(registration)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "checkin__result--ok" in content
    for text in ("Li Wei", "Shenyang Institute", "Postgraduate student", "Smart Manufacturing"):
        assert text in content
    registration.refresh_from_db()
    assert registration.checked_in_by == staff
    assert registration.checked_in_at is not None


def test_a_second_check_in_warns_with_the_first_time(client, staff, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    client.force_login(staff)
    client.post(URL, {"code": tickets.payload(registration)})
    registration.refresh_from_db()
    first = registration.checked_in_at
    response = client.post(URL, {"code": tickets.payload(registration)})
    content = response.content.decode()
    assert "Already checked in" in content
    local = first.astimezone(open_edition.tzinfo)
    assert f"first checked in at {local:%H:%M}" in content
    assert "By desk." in content
    registration.refresh_from_db()
    assert registration.checked_in_at == first


def test_the_code_printed_under_the_qr_code_can_be_typed(client, staff, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    client.force_login(staff)
    typed = tickets.display_code(registration).lower()
    response = client.post(URL, {"code": typed})
    assert "checkin__result--ok" in response.content.decode()


@pytest.mark.parametrize("code", ["NOPE", "ABCDEFGHJK:forged-signature", "<script>"])
def test_an_unknown_or_forged_code_is_refused(client, staff, code):
    client.force_login(staff)
    response = client.post(URL, {"code": code})
    assert response.status_code == 200
    assert "No ticket has this code." in response.content.decode()


def test_a_waitlisted_ticket_is_refused_with_the_reason(client, staff, small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    client.force_login(staff)
    response = client.post(URL, {"code": tickets.payload(waiting)})
    content = response.content.decode()
    assert "Not checked in" in content
    assert "still on the waitlist" in content
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None
