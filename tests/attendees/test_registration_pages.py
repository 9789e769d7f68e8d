"""The public registration form, the "check your email" page and the confirmation link."""

import datetime

import lxml.html
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from attendees import links
from attendees.models import Registration
from tests.factories import EditionFactory, RegistrationFactory, SubForumFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "name": "Grace Hopper",
        "email": "Grace@Example.org",
        "organization": "US Navy",
        "organization_type": "government",
        "country": "US",
        "category": "government",
        "mode": "on_site",
        "privacy_consent": "on",
        **overrides,
    }


def register_url(edition):
    return reverse("attendees:register", kwargs={"year": edition.year})


def test_registration_address_is_taken_before_events_pages(open_edition):
    assert register_url(open_edition) == f"/{open_edition.year}/register/"
    assert reverse("attendees:check_in") == "/checkin/"


def test_form_is_shown_while_registration_is_open(client, open_edition):
    sub_forum = SubForumFactory(edition=open_edition, title_en="Smart Manufacturing")
    SubForumFactory(title_en="Another edition's forum")
    response = client.get(register_url(open_edition))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="privacy_consent"' in content
    assert sub_forum.title in content
    assert "Another edition's forum" not in content


@pytest.mark.parametrize(
    ("opens", "closes", "text"),
    [
        (1, 2, "Registration opens on"),
        (-2, -1, "Registration closed on"),
    ],
)
def test_outside_the_window_the_page_says_so_without_a_form(client, opens, closes, text):
    now = timezone.now()
    edition = EditionFactory(
        registration_opens=now + datetime.timedelta(days=opens),
        registration_closes=now + datetime.timedelta(days=closes),
    )
    response = client.get(register_url(edition))
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "<form" not in response.content.decode().split("<main", 1)[1]


def test_an_unpublished_edition_has_no_registration_page(client, db):
    edition = EditionFactory(is_published=False)
    assert client.get(register_url(edition)).status_code == 404


def test_valid_registration_redirects_to_check_your_email(
    client, open_edition, send_mail, mailoutbox
):
    with send_mail():
        response = client.post(register_url(open_edition), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "attendees:check_email", kwargs={"year": open_edition.year}
    )
    registration = Registration.objects.get()
    assert registration.email == "grace@example.org"
    assert registration.language == "en"
    page = client.get(response["Location"])
    assert "grace@example.org" in page.content.decode()
    assert len(mailoutbox) == 1


def test_registering_in_chinese_stores_the_language(client, open_edition):
    url = f"/zh-hans/{open_edition.year}/register/"
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert Registration.objects.get().language == "zh-hans"


def test_privacy_consent_is_required(client, open_edition):
    response = client.post(register_url(open_edition), form_data(privacy_consent=""))
    assert response.status_code == 400
    assert "Registration is possible only with this consent." in response.content.decode()
    assert not Registration.objects.exists()


def test_missing_fields_get_clear_messages(client, open_edition):
    response = client.post(register_url(open_edition), form_data(name="", email="not-an-email"))
    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content
    assert "Enter a valid email address." in content


@pytest.mark.parametrize("email", ['"<b>x</b>"@example.org', '"a,b"@example.org', '"a b"@x.org'])
def test_quoted_email_address_is_refused_not_a_server_error(client, open_edition, email):
    # Django's validator accepts quoted local parts; the outbox refused the first (it reads
    # "<…>" as "Name <address>") and the form answered with a 500.
    response = client.post(register_url(open_edition), form_data(email=email))
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Registration.objects.exists()


def test_chosen_countries_stay_selected_after_an_error(client, open_edition):
    data = form_data(name="", country="FR", needs_visa_letter="on", nationality="CN")
    response = client.post(register_url(open_edition), data)
    assert response.status_code == 400
    page = lxml.html.fromstring(response.content)
    for name, code in [("country", "FR"), ("nationality", "CN")]:
        assert page.xpath(f'//select[@name="{name}"]/option[@selected]/@value') == [code]


def test_a_country_in_error_is_labelled_and_marked_invalid(client, open_edition):
    response = client.post(register_url(open_edition), form_data(country="XX"))
    assert response.status_code == 400
    page = lxml.html.fromstring(response.content)
    [select] = page.xpath('//select[@name="country"]')
    assert select.get("aria-invalid") == "true"
    assert page.xpath(f'//label[@for="{select.get("id")}"]/text()') == ["Country or region"]
    assert len(select.xpath("option")) > 200


def test_errors_are_translated(client, open_edition):
    with translation.override("zh-hans"):
        url = reverse("attendees:register", kwargs={"year": open_edition.year})
    response = client.post(url, form_data(name=""))
    assert response.status_code == 400
    assert "这个字段是必填项。" in response.content.decode()


def test_passport_fields_are_required_only_with_a_visa_letter(client, open_edition):
    response = client.post(register_url(open_edition), form_data(needs_visa_letter="on"))
    assert response.status_code == 400
    assert response.content.decode().count("Needed for the visa invitation letter.") == 3

    response = client.post(
        register_url(open_edition),
        form_data(
            needs_visa_letter="on",
            nationality="FR",
            passport_number="12AB34567",
            date_of_birth="1980-02-03",
        ),
    )
    assert response.status_code == 302
    assert Registration.objects.get().passport_number == "12AB34567"


def test_passport_fields_are_dropped_without_a_visa_letter(client, open_edition):
    client.post(register_url(open_edition), form_data(passport_number="12AB34567"))
    assert Registration.objects.get().passport_number == ""


def test_sub_forum_of_another_edition_is_not_a_valid_choice(client, open_edition):
    SubForumFactory(edition=open_edition)
    other = SubForumFactory()
    response = client.post(register_url(open_edition), form_data(sub_forums=[other.pk]))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registering_twice_does_not_tell_a_stranger_anything(
    client, open_edition, send_mail, mailoutbox
):
    RegistrationFactory(edition=open_edition, email="grace@example.org")
    with send_mail():
        response = client.post(register_url(open_edition), form_data())
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_email_link_confirms_and_leads_to_the_personal_page(
    client, open_edition, send_mail, mailoutbox
):
    registration = RegistrationFactory(edition=open_edition)
    with send_mail():
        response = client.get(links.confirmation_url(registration))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert response["Location"] == links.manage_path(registration)
    page = client.get(response["Location"])
    assert "your email address is confirmed" in page.content.decode()
    assert "ticket" in mailoutbox[0].body


def test_opening_the_confirmation_link_twice_is_harmless(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    url = links.confirmation_url(registration)
    client.get(url)
    response = client.get(url)
    assert response.status_code == 302
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "garbage",
        lambda token: token.split(":")[0],
    ],
)
def test_a_tampered_confirmation_link_gives_a_friendly_400(client, open_edition, mangle):
    registration = RegistrationFactory(edition=open_edition)
    token = mangle(links.confirmation_token(registration))
    response = client.get(f"/{open_edition.year}/confirm/{token}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_an_expired_confirmation_link_says_so(client, open_edition, settings):
    registration = RegistrationFactory(edition=open_edition)
    url = links.confirmation_url(registration)
    with time_machine.travel(
        timezone.now() + settings.ATTENDEES_CONFIRMATION_MAX_AGE + datetime.timedelta(minutes=1)
    ):
        response = client.get(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_a_confirmation_link_is_valid_until_it_expires(client, open_edition, settings):
    registration = RegistrationFactory(edition=open_edition)
    url = links.confirmation_url(registration)
    with time_machine.travel(
        timezone.now() + settings.ATTENDEES_CONFIRMATION_MAX_AGE - datetime.timedelta(minutes=1)
    ):
        response = client.get(url)
    assert response.status_code == 302


def test_a_confirmation_link_is_not_a_personal_page_link(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    token = links.confirmation_token(registration)
    response = client.get(f"/{open_edition.year}/registration/{token}/")
    assert response.status_code == 400


def test_a_link_for_another_edition_year_does_not_work(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    token = links.confirmation_token(registration)
    response = client.get(f"/{open_edition.year + 1}/confirm/{token}/")
    assert response.status_code == 400


def test_a_link_to_a_deleted_registration_gives_the_friendly_page(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    url = links.confirmation_url(registration)
    registration.delete()
    response = client.get(url)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
