"""Passport data through the personal link: shown masked, replaced but never read back, and kept
out of every page, download, export and email that does not need it; the letter prints it. The
registration form never shows a posted value back either; shown again after an error, both forms
ask for a value just typed again."""

import datetime
import json
import re

import lxml.html
import pytest
from django.urls import reverse

from attendees import emails, links, services
from attendees.documents.letters import render_visa_letter
from attendees.exports import RegistrationResource
from attendees.masking import masked
from attendees.models import Registration

pytestmark = pytest.mark.django_db

PASSPORT = "C01X00T47"
BIRTH = datetime.date(1980, 5, 1)
# The date of birth as any page or document could write it.
BIRTH_WRITTEN = (
    "1980-05-01",
    "1980-5-1",
    "05/01/1980",
    "01/05/1980",
    "May 1, 1980",
    "1980年5月1日",
)
UNLOCKED = {
    "name": "Hans Müller",
    "organization": "Technische Universität München",
    "organization_type": "university",
    "country": "DE",
    "category": "expert",
    "needs_visa_letter": "on",
    "nationality": "DE",
}


def assert_no_passport_data(text: str):
    assert PASSPORT not in text
    for written in BIRTH_WRITTEN:
        assert written not in text


def test_masking_leaves_only_the_last_characters():
    assert masked(PASSPORT) == "•••••0T47"
    assert masked("P1") == "•••••1"
    assert masked(BIRTH) == "••••-••-••"
    assert masked("") == "" and masked(None) == ""


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_the_personal_page_shows_passport_data_masked_only(client, visa_applicant, prefix):
    registration = visa_applicant()
    response = client.get(prefix + links.manage_path(registration))
    assert response.status_code == 200
    content = response.content.decode()
    assert_no_passport_data(content)
    assert "•••••0T47" in content
    assert 'name="passport_number"' in content and 'name="date_of_birth"' in content


def test_a_new_value_replaces_the_stored_one(client, visa_applicant):
    registration = visa_applicant()
    response = client.post(
        links.manage_path(registration, "attendees:update_details"),
        {**UNLOCKED, "passport_number": "N7654321", "date_of_birth": "1981-02-03"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.passport_number == "N7654321"
    assert registration.date_of_birth == datetime.date(1981, 2, 3)
    assert "N7654321" not in client.get(response["Location"]).content.decode()


def test_empty_inputs_keep_what_is_stored(client, visa_applicant):
    registration = visa_applicant()
    response = client.post(
        links.manage_path(registration, "attendees:update_details"),
        {**UNLOCKED, "organization": "TU Berlin", "passport_number": "", "date_of_birth": ""},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organization == "TU Berlin"
    assert (registration.passport_number, registration.date_of_birth) == (PASSPORT, BIRTH)


def test_a_form_shown_again_with_errors_renders_no_passport_value(client, visa_applicant):
    registration = visa_applicant()
    response = client.post(
        links.manage_path(registration, "attendees:update_details"),
        {**UNLOCKED, "name": "", "passport_number": "N7654321", "date_of_birth": "1981-02-03"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert_no_passport_data(content)
    assert "N7654321" not in content and "1981-02-03" not in content
    registration.refresh_from_db()
    assert registration.passport_number == PASSPORT


def test_without_a_letter_the_passport_data_is_still_cleared(client, visa_applicant):
    registration = visa_applicant()
    data = {name: value for name, value in UNLOCKED.items() if name != "needs_visa_letter"}
    response = client.post(links.manage_path(registration, "attendees:update_details"), data)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.passport_number, registration.date_of_birth) == ("", None)


def test_the_page_of_a_letter_holder_shows_the_locked_fields_masked(
    client, visa_applicant, organizer
):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    content = client.get(links.manage_path(registration)).content.decode()
    assert "Printed on your visa invitation letter" in content
    assert_no_passport_data(content)
    assert "•••••0T47" in content


def test_the_data_download_gives_passport_data_masked(client, visa_applicant):
    registration = visa_applicant()
    response = client.get(links.manage_path(registration, "attendees:download_data"))
    assert response.status_code == 200
    assert_no_passport_data(response.content.decode())
    data = json.loads(response.content)
    assert data["passport_number"] == "•••••0T47"
    assert data["date_of_birth"] == "••••-••-••"
    assert data["nationality"] == "DE"


def test_the_export_without_passport_permission_has_no_passport_data(visa_applicant):
    registration = visa_applicant()
    dataset = RegistrationResource().export(Registration.objects.filter(pk=registration.pk))
    assert "Hans Müller" in dataset.csv
    assert_no_passport_data(dataset.csv)


def test_no_email_carries_passport_data(visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    for kind in emails.Kind:
        for language in ("en", "zh-hans"):
            registration.language = language
            subject, text, html = emails.render(kind, registration)
            assert "Hans Müller" in text + html or kind == emails.Kind.CONFIRM_EMAIL
            assert_no_passport_data(subject + text + html)


def test_the_letter_itself_prints_them(visa_applicant, organizer, pdf_text):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)
    text = pdf_text(render_visa_letter(letter, "en"))
    assert PASSPORT in text


def test_passport_columns_are_offered_unticked_to_those_who_may_export_them(
    client, staff_with, visa_applicant
):
    visa_applicant()
    client.force_login(staff_with("view_registration", "export_registration", "view_passport_data"))
    content = client.get(reverse("admin:attendees_registration_export")).content.decode()
    checkboxes = dict(re.findall(r'<input type="checkbox" name="(\w+)"([^>]*)>', content))
    prefix = "registrationwithpassportresource_"
    assert checkboxes[f"{prefix}name"].endswith(" checked")
    for name in ("nationality", "passport_number", "date_of_birth"):
        assert not checkboxes[f"{prefix}{name}"].endswith(" checked"), name


# --- the public registration form ---------------------------------------------------------------

ENTER_AGAIN = {
    "": "For your privacy this is not shown again: please enter it again.",
    "/zh-hans": "为保护您的个人信息，此项不再显示，请重新填写。",
}
APPLICANT = {
    "name": "Hans Müller",
    "name_original": "汉斯·穆勒",
    "email": "hans@example.org",
    "organization": "Technische Universität München",
    "organization_type": "university",
    "position": "Professor",
    "country": "DE",
    "category": "expert",
    "mode": "on_site",
    "needs_visa_letter": "on",
    "nationality": "DE",
    "passport_number": PASSPORT,
    "date_of_birth": "1980-05-01",
    "dietary_needs": "vegetarian",
    "privacy_consent": "on",
}


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_the_registration_form_shown_again_with_an_error_renders_no_passport_data(
    client, open_edition, prefix
):
    url = f"{prefix}/{open_edition.year}/register/"
    response = client.post(url, {**APPLICANT, "email": "not-an-address"})
    assert response.status_code == 400
    content = response.content.decode()
    assert_no_passport_data(content)
    page = lxml.html.fromstring(response.content)
    for name in ("passport_number", "date_of_birth"):
        [field] = page.xpath(f'//input[@name="{name}"]')
        assert field.get("value") is None
        [hint] = page.xpath(f'//*[@id="{field.get("aria-describedby")}"]')
        assert hint.text_content() == ENTER_AGAIN[prefix]
    # Everything else is as the visitor typed it.
    for name in ("name", "name_original", "organization", "position", "dietary_needs"):
        assert page.xpath(f'//input[@name="{name}"]/@value') == [APPLICANT[name]]
    assert page.xpath('//input[@name="needs_visa_letter"]/@checked')
    assert page.xpath('//select[@name="nationality"]/option[@selected]/@value') == ["DE"]
    assert not Registration.objects.exists()


def test_the_hint_is_only_under_an_input_that_had_a_value(client, open_edition):
    data = {**APPLICANT, "email": "not-an-address", "date_of_birth": ""}
    response = client.post(f"/{open_edition.year}/register/", data)
    assert response.status_code == 400
    assert response.content.decode().count(ENTER_AGAIN[""]) == 1
    response = client.post(f"/{open_edition.year}/register/", {**data, "passport_number": " "})
    assert ENTER_AGAIN[""] not in response.content.decode()


def test_entered_again_the_passport_data_is_stored(client, open_edition):
    url = f"/{open_edition.year}/register/"
    assert client.post(url, {**APPLICANT, "privacy_consent": ""}).status_code == 400
    response = client.post(url, APPLICANT)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.passport_number, registration.date_of_birth) == (PASSPORT, BIRTH)


# --- the personal page shown again after an error ------------------------------------------------

KEEP_IT = {"": "Leave this empty to keep it", "/zh-hans": "留空则保留原信息"}


def hints(content: bytes) -> dict[str, str]:
    """The help text under each passport input, as the page's screen reader reads it."""
    page = lxml.html.fromstring(content)
    found = {}
    for name in ("passport_number", "date_of_birth"):
        [field] = page.xpath(f'//input[@name="{name}"]')
        [hint] = [id for id in field.get("aria-describedby").split() if id.endswith("_helptext")]
        found[name] = page.get_element_by_id(hint).text_content()
    return found


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_new_passport_data_shown_again_with_an_error_is_asked_for_again(
    client, visa_applicant, prefix
):
    registration = visa_applicant()
    url = prefix + links.manage_path(registration, "attendees:update_details")
    new = {"passport_number": "N7654321", "date_of_birth": "1981-02-03"}
    response = client.post(url, {**UNLOCKED, **new, "name": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert_no_passport_data(content)
    assert "N7654321" not in content and "1981-02-03" not in content
    assert hints(response.content) == dict.fromkeys(new, ENTER_AGAIN[prefix])
    assert KEEP_IT[prefix] not in content
    registration.refresh_from_db()
    assert (registration.passport_number, registration.date_of_birth) == (PASSPORT, BIRTH)

    response = client.post(url, {**UNLOCKED, **new})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.passport_number == "N7654321"
    assert registration.date_of_birth == datetime.date(1981, 2, 3)


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_an_empty_passport_input_shown_again_still_keeps_what_is_stored(
    client, visa_applicant, prefix
):
    registration = visa_applicant()
    url = prefix + links.manage_path(registration, "attendees:update_details")
    data = {**UNLOCKED, "name": "", "passport_number": "N7654321", "date_of_birth": ""}
    response = client.post(url, data)
    assert response.status_code == 400
    found = hints(response.content)
    assert found["passport_number"] == ENTER_AGAIN[prefix]
    assert "••••-••-••" in found["date_of_birth"] and KEEP_IT[prefix] in found["date_of_birth"]
    # Corrected, with the passport number left empty this time: the stored one stays.
    response = client.post(url, {**data, "name": "Hans Müller", "passport_number": ""})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.passport_number, registration.date_of_birth) == (PASSPORT, BIRTH)


def test_a_locked_passport_input_keeps_its_reason_when_shown_again(
    client, visa_applicant, organizer
):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    data = {**UNLOCKED, "category": "nobody", "passport_number": "N7654321"}
    response = client.post(links.manage_path(registration, "attendees:update_details"), data)
    assert response.status_code == 400
    found = hints(response.content)
    assert found["passport_number"].startswith("Stored: •••••0T47. Printed on your visa")
    assert ENTER_AGAIN[""] not in response.content.decode()
    registration.refresh_from_db()
    assert registration.passport_number == PASSPORT
