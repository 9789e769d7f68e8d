"""The pages that serve documents: the attendee's downloads behind the signed personal link,
the public verification page, and the printable program."""

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from attendees import links, services
from attendees.models import IssuedDocument, Registration
from tests.factories import EditionFactory, RegistrationFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def letter_path(registration, language="en"):
    return links.manage_path(registration, "attendees:visa_letter_pdf", language=language)


def certificate_path(registration, language="en"):
    return links.manage_path(registration, "attendees:certificate_pdf", language=language)


@pytest.fixture(autouse=True)
def _clock_stands_still():
    """Signed links carry a timestamp: the page and the test must sign in the same second."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.fixture
def checked_in(visa_applicant, organizer):
    registration = visa_applicant()
    services.check_in(registration=registration, by=organizer)
    return registration


# --- the personal page --------------------------------------------------------------------------


def test_the_personal_page_offers_an_issued_letter_in_both_languages(
    client, visa_applicant, organizer
):
    registration = visa_applicant(language="zh-hans")
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    content = client.get(links.manage_path(registration)).content.decode()

    assert letter.display_serial in content
    chinese, english = letter_path(registration, "zh-hans"), letter_path(registration, "en")
    assert chinese in content and english in content
    assert content.index(chinese) < content.index(english)  # the attendee's language first


def test_the_personal_page_says_a_letter_is_on_its_way(client, visa_applicant):
    registration = visa_applicant()

    content = client.get(links.manage_path(registration)).content.decode()

    assert "You asked for a visa invitation letter" in content
    assert letter_path(registration) not in content


def test_the_attendee_downloads_the_issued_letter(client, visa_applicant, organizer, pdf_text):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    response = client.get(letter_path(registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Hans Müller" in text and letter.display_serial in text


def test_no_letter_download_before_it_is_issued(client, visa_applicant):
    registration = visa_applicant()

    response = client.get(letter_path(registration))

    assert response.status_code == 302
    assert response["Location"] == links.manage_path(registration)
    assert "application/pdf" not in response.get("Content-Type", "")


def test_no_letter_download_once_revoked(client, visa_applicant, organizer):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)
    services.revoke_document(document=letter, by=organizer, reason="Passport replaced")

    assert client.get(letter_path(registration)).status_code == 302
    content = client.get(links.manage_path(registration)).content.decode()
    assert "was withdrawn" in content


def test_a_tampered_link_gets_no_document(client, visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    path = letter_path(registration)
    token = links.manage_token(registration)

    response = client.get(path.replace(token, token[:-2] + "xx"))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_one_attendee_s_link_never_reaches_another_s_document(client, visa_applicant, organizer):
    mine = visa_applicant()
    theirs = visa_applicant(email="other@example.org", name="Wang Jianguo")
    services.issue_visa_letter(registration=theirs, by=organizer)
    token = links.manage_token(mine)
    # Their registration number with my secret, correctly signed: the secret does not match.
    crossed = signing.Signer(salt=links.MANAGE_SALT).sign_object([theirs.pk, mine.access_secret])

    response = client.get(letter_path(mine).replace(token, crossed))

    assert response.status_code == 400
    assert client.get(letter_path(mine)).status_code == 302  # mine has no letter


def test_a_revoked_personal_link_gets_no_document(client, visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    old_path = letter_path(registration)

    services.revoke_links(registration=registration)

    assert client.get(old_path).status_code == 400


def test_an_unknown_language_is_not_found(client, visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)

    assert client.get(letter_path(registration, "fr")).status_code == 404


def test_the_checked_in_attendee_downloads_a_certificate(client, checked_in, pdf_text):
    content = client.get(links.manage_path(checked_in)).content.decode()
    assert certificate_path(checked_in) in content

    response = client.get(certificate_path(checked_in, "zh-hans"))

    assert response.status_code == 200
    assert "Hans Müller" in pdf_text(response.content)
    certificate = IssuedDocument.objects.get(kind=IssuedDocument.Kind.CERTIFICATE)
    assert certificate.issued_by is None
    assert certificate.registration == checked_in


def test_no_certificate_without_check_in(client, visa_applicant):
    registration = visa_applicant()

    content = client.get(links.manage_path(registration)).content.decode()
    response = client.get(certificate_path(registration))

    assert certificate_path(registration) not in content
    assert "Once you have been checked in" in content
    assert response.status_code == 302
    assert not IssuedDocument.objects.exists()


# --- verification -------------------------------------------------------------------------------


def test_a_genuine_serial_verifies(client, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    response = client.get(letter.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "This document is genuine" in content
    assert "Visa invitation letter" in content
    assert letter.edition.title_en in content
    assert "H. M." in content
    assert "Müller" not in content and "C01X00T47" not in content
    assert "noindex" in content


def test_a_revoked_serial_says_when(client, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    services.revoke_document(document=letter, by=organizer, reason="Secret reason")

    response = client.get(letter.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "This document has been revoked" in content
    assert "revoked on" in content
    assert "Secret reason" not in content


@pytest.mark.parametrize("serial", ["ABCD-EFGH-JKMN-PQRS", "not-a-serial", "0000"])
def test_a_forged_or_unknown_serial_is_a_friendly_404(client, serial):
    response = client.get(reverse("attendees:verify", kwargs={"serial": serial}))

    assert response.status_code == 404
    assert "No document has this serial number" in response.content.decode()


def test_verification_forgives_case_and_missing_dashes(client, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    response = client.get(reverse("attendees:verify", kwargs={"serial": letter.serial.lower()}))

    assert response.status_code == 302
    assert response["Location"] == letter.get_absolute_url()


def test_the_verification_page_is_in_chinese_too(client, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    response = client.get(f"/zh-hans/verify/{letter.display_serial}/")

    assert response.status_code == 200
    assert letter.edition.title_zh_hans in response.content.decode()


def test_a_typed_serial_leads_to_its_page(client, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    assert client.get(reverse("attendees:verify_form")).status_code == 200
    response = client.get(reverse("attendees:verify_form"), {"serial": letter.serial.lower()})

    assert response["Location"] == letter.get_absolute_url()
    assert client.get(reverse("attendees:verify_form"), {"serial": "x"}).status_code == 400


@pytest.mark.parametrize("size", [1, 3])
def test_the_verification_query_count_does_not_grow(
    page_cache_off, client, visa_applicant, organizer, size, django_assert_num_queries
):
    letters = [
        services.issue_visa_letter(
            registration=visa_applicant(email=f"p{i}@example.org"), by=organizer
        )
        for i in range(size)
    ]

    # The document with its edition; the site's frame (its pages, current edition) costs two.
    with django_assert_num_queries(3):
        client.get(letters[-1].get_absolute_url())


# --- the printable program ----------------------------------------------------------------------


@pytest.fixture
def program_edition(db):
    edition = EditionFactory(is_current=True)
    speaker = SpeakerFactory(name="Anna Ivanova")
    SessionFactory(
        edition=edition, title_en="Green steel", title_zh_hans="绿色钢铁", with_speakers=[speaker]
    )
    return edition


@pytest.mark.usefixtures("tasks_run_at_once")
def test_the_program_pdf_follows_the_request_language(client, program_edition, pdf_text):
    english = client.get(reverse("attendees:program_pdf", kwargs={"year": program_edition.year}))
    chinese = client.get(f"/zh-hans/{program_edition.year}/program.pdf")

    assert english.status_code == chinese.status_code == 200
    assert english["Content-Type"] == "application/pdf"
    english_text = pdf_text(english.getvalue())  # streamed: read once
    assert "Green steel" in english_text
    assert "Anna Ivanova" in english_text
    assert "绿色钢铁" in pdf_text(chinese.getvalue())


@pytest.mark.usefixtures("tasks_run_at_once")
def test_no_program_pdf_for_an_unpublished_edition(client):
    edition = EditionFactory(is_published=False)

    response = client.get(reverse("attendees:program_pdf", kwargs={"year": edition.year}))

    assert response.status_code == 404


@pytest.mark.usefixtures("tasks_run_at_once")
@pytest.mark.parametrize("size", [1, 5])
def test_the_program_pdf_query_count_does_not_grow(client, size, django_assert_num_queries):
    edition = EditionFactory()
    for _ in range(size):
        SessionFactory(edition=edition, with_speakers=[SpeakerFactory()])
    url = reverse("attendees:program_pdf", kwargs={"year": edition.year})
    client.get(url)  # built by the first request (no worker in a test), then served as stored

    # The edition, the content version, the stored file.
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_online_attendee_registration_has_no_letter_offer(client, started_edition):
    registration = services.confirm_email(
        registration=RegistrationFactory(
            edition=started_edition, mode=Registration.Mode.ONLINE, needs_visa_letter=False
        )
    )

    content = client.get(links.manage_path(registration)).content.decode()

    assert "Visa invitation letter" not in content


def test_the_details_form_locks_what_the_issued_letter_prints(client, visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)
    url = links.manage_path(registration, "attendees:update_details")
    unlocked = {"organization_type": "university", "country": "AT", "category": "expert"}

    content = client.get(links.manage_path(registration)).content.decode()
    # A page shown before the letter was issued still sends the fields it prints.
    refused = client.post(
        url,
        {
            **unlocked,
            "name": "Someone Else",
            "organization": "TU Berlin",
            "needs_visa_letter": "on",
            "nationality": "FR",
            "passport_number": "X999",
            "date_of_birth": "1970-01-01",
        },
    )
    registration.refresh_from_db()
    unchanged = (registration.name, registration.passport_number, registration.country)
    # The browser does not send the locked (disabled) fields.
    saved = client.post(url, unlocked)

    assert "Printed on your visa invitation letter" in content
    assert refused.status_code == 409
    assert "Printed on your visa invitation letter" in refused.content.decode()
    assert unchanged == ("Hans Müller", "C01X00T47", "DE")
    assert saved.status_code == 302
    registration.refresh_from_db()
    assert registration.country == "AT"  # not on the letter
    assert registration.organization == "Technische Universität München"
    assert registration.passport_number == "C01X00T47"
    assert registration.nationality == "DE"
