"""The check-in desk at /checkin/."""

import lxml.html
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


def shown_name(response) -> str:
    [name] = lxml.html.fromstring(response.content).find_class("checkin__name")
    return name.text_content()


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_a_chinese_name_comes_first_with_the_latin_name_beside_it(
    client, staff, open_edition, confirmed, prefix
):
    registration = confirmed(edition=open_edition, name="Wang Jianguo", name_original="王建国")
    client.force_login(staff)
    checked_in = client.post(prefix + URL, {"code": tickets.payload(registration)})
    assert "checkin__result--ok" in checked_in.content.decode()
    assert shown_name(checked_in) == "王建国 Wang Jianguo"
    assert '<span lang="zh-Hans">王建国</span>' in checked_in.content.decode()
    again = client.post(prefix + URL, {"code": tickets.payload(registration)})
    assert "checkin__result--repeat" in again.content.decode()
    assert shown_name(again) == "王建国 Wang Jianguo"


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_a_refused_ticket_shows_the_chinese_name_first_too(
    client, staff, small_edition, confirmed, prefix
):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition, name="Li Hua", name_original="李华")
    client.force_login(staff)
    response = client.post(prefix + URL, {"code": tickets.payload(waiting)})
    assert "checkin__result--refused" in response.content.decode()
    assert shown_name(response) == "李华 Li Hua"


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
@pytest.mark.parametrize(
    ("name_original", "shown"),
    [("", "Olga Ivanova"), ("Ольга Иванова", "Olga Ivanova Ольга Иванова")],
)
def test_without_a_chinese_name_the_latin_name_stays_first(
    client, staff, open_edition, confirmed, prefix, name_original, shown
):
    registration = confirmed(edition=open_edition, name="Olga Ivanova", name_original=name_original)
    client.force_login(staff)
    response = client.post(prefix + URL, {"code": tickets.payload(registration)})
    [name] = lxml.html.fromstring(response.content).find_class("checkin__name")
    assert name.text_content() == shown
    assert not name.xpath(".//*[@lang]")


@pytest.mark.parametrize("sub_forums", [1, 3])
@pytest.mark.parametrize("name_original", ["", "王建国"])
def test_the_desk_runs_the_same_queries_whoever_arrives(
    client, staff, open_edition, confirmed, django_assert_num_queries, sub_forums, name_original
):
    registration = confirmed(
        edition=open_edition,
        name="Wang Jianguo",
        name_original=name_original,
        sub_forums=SubForumFactory.create_batch(sub_forums, edition=open_edition),
    )
    client.force_login(staff)
    with django_assert_num_queries(12):
        response = client.post(URL, {"code": tickets.payload(registration)})
    assert "checkin__result--ok" in response.content.decode()
