"""Documents in the admin: issuing letters with their own permission, certificates and badges
in bulk, downloading and revoking issued documents."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pypdf import PdfReader

from attendees import services
from attendees.models import IssuedDocument, Registration
from tests.admin_forms import submit
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:attendees_registration_changelist"
DOCUMENTS = "admin:attendees_issueddocument_changelist"
LETTER_ISSUER = ("view_registration", "view_passport_data", "issue_visa_letter")


def run_action(client, action, registrations, url=CHANGELIST, **extra):
    return client.post(
        reverse(url),
        {"action": action, "_selected_action": [r.pk for r in registrations], **extra},
    )


def test_an_organizer_with_the_permission_issues_a_letter(
    client, staff_with, visa_applicant, send_mail, mailoutbox
):
    registration = visa_applicant()
    issuer = staff_with(*LETTER_ISSUER)
    client.force_login(issuer)
    mailoutbox.clear()

    with send_mail():
        response = run_action(client, "issue_visa_letters", [registration])

    assert response.status_code == 302
    letter = IssuedDocument.objects.get()
    assert letter.issued_by == issuer
    assert letter.registration == registration
    assert "visa invitation letter" in mailoutbox[0].subject


def test_staff_without_the_permission_cannot_issue_a_letter(client, staff_with, visa_applicant):
    registration = visa_applicant()
    client.force_login(staff_with("view_registration", "change_registration", "view_passport_data"))

    run_action(client, "issue_visa_letters", [registration])

    assert not IssuedDocument.objects.exists()
    assert 'value="issue_visa_letters"' not in client.get(reverse(CHANGELIST)).content.decode()


def test_issuing_needs_the_right_to_read_passport_data_too(client, staff_with, visa_applicant):
    registration = visa_applicant()
    client.force_login(staff_with("view_registration", "issue_visa_letter"))

    run_action(client, "issue_visa_letters", [registration])

    assert not IssuedDocument.objects.exists()


def test_the_action_explains_why_a_letter_was_not_issued(client, staff_with, visa_applicant):
    registration = visa_applicant()
    Registration.objects.filter(pk=registration.pk).update(mode=Registration.Mode.ONLINE)
    client.force_login(staff_with(*LETTER_ISSUER))

    response = run_action(client, "issue_visa_letters", [registration])
    response = client.get(response["Location"])

    assert "on-site attendees whose place is confirmed" in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_the_registration_page_lists_its_documents_and_locks_the_printed_fields(
    client, staff_with, visa_applicant, organizer
):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)
    client.force_login(staff_with(*LETTER_ISSUER, "change_registration", "view_issueddocument"))

    content = client.get(
        reverse("admin:attendees_registration_change", args=[registration.pk])
    ).content.decode()

    assert letter.display_serial in content
    assert reverse("admin:attendees_issueddocument_pdf", args=[letter.pk, "en"]) in content
    # What the letter prints is read-only while it is valid; the rest stays editable.
    assert 'name="passport_number"' not in content
    assert 'name="organization"' not in content
    assert 'name="dietary_needs"' in content


def test_an_issuer_downloads_the_letter_from_the_admin(
    client, staff_with, visa_applicant, organizer, pdf_text
):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    client.force_login(staff_with(*LETTER_ISSUER, "view_issueddocument"))

    response = client.get(
        reverse("admin:attendees_issueddocument_pdf", args=[letter.pk, "zh-hans"])
    )

    assert response.status_code == 200
    assert "C01X00T47" in pdf_text(response.content)


def test_the_letter_is_not_downloadable_without_the_letter_permissions(
    client, staff_with, visa_applicant, organizer
):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    client.force_login(staff_with("view_issueddocument", "issue_certificate"))

    response = client.get(reverse("admin:attendees_issueddocument_pdf", args=[letter.pk, "en"]))

    assert response.status_code == 403


def test_revoking_asks_for_a_reason_then_records_it(client, staff_with, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    issuer = staff_with(*LETTER_ISSUER, "view_issueddocument")
    client.force_login(issuer)

    confirmation = run_action(client, "revoke", [letter], url=DOCUMENTS)
    assert confirmation.status_code == 200
    assert "Reason" in confirmation.content.decode()
    letter.refresh_from_db()
    assert not letter.is_revoked

    run_action(client, "revoke", [letter], url=DOCUMENTS, post="yes", reason="Passport renewed")

    letter.refresh_from_db()
    assert letter.is_revoked
    assert letter.revoked_by == issuer
    assert letter.revocation_reason == "Passport renewed"
    assert "revoked" in client.get(letter.get_absolute_url()).content.decode()


def test_certificate_issuers_cannot_revoke_letters(client, staff_with, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    client.force_login(staff_with("view_issueddocument", "issue_certificate"))

    run_action(client, "revoke", [letter], url=DOCUMENTS, post="yes", reason="Nope")

    letter.refresh_from_db()
    assert not letter.is_revoked


def test_the_document_list_finds_a_serial_as_printed(client, staff_with, visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    client.force_login(staff_with("view_issueddocument"))

    response = client.get(reverse(DOCUMENTS), {"q": letter.display_serial.lower()})

    assert response.status_code == 200
    assert letter.display_serial in response.content.decode()


def test_certificates_print_in_bulk_for_checked_in_attendees_only(
    client, staff_with, started_edition, organizer
):
    present = [
        services.confirm_email(
            registration=RegistrationFactory(edition=started_edition, name=name, language=language)
        )
        for name, language in [("Hans Müller", "en"), ("王建国", "zh-hans")]
    ]
    for registration in present:
        services.check_in(registration=registration, by=organizer)
    absent = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, name="Not Here")
    )
    printer = staff_with("view_registration", "issue_certificate")
    client.force_login(printer)

    response = run_action(client, "print_certificates", [*present, absent])

    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 2
    text = "".join(page.extract_text() for page in pages)
    assert "Hans Müller" in text and "王建国" in text and "Not Here" not in text
    assert IssuedDocument.objects.filter(issued_by=printer).count() == 2


def test_badges_print_for_a_filtered_selection(client, staff_with, started_edition, pdf_text):
    on_site = [
        services.confirm_email(registration=RegistrationFactory(edition=started_edition, name=name))
        for name in ("Hans Müller", "Wang Jianguo", "Анна Иванова")
    ]
    online = services.confirm_email(
        registration=RegistrationFactory(
            edition=started_edition, name="Online Only", mode=Registration.Mode.ONLINE
        )
    )
    client.force_login(staff_with("view_registration", "print_badges"))

    response = run_action(client, "print_badges", [*on_site, online])

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for registration in on_site:
        assert registration.name in text
    assert "Online Only" not in text


def test_badges_need_their_permission(client, staff_with, started_edition):
    registration = services.confirm_email(registration=RegistrationFactory(edition=started_edition))
    client.force_login(staff_with("view_registration"))

    response = run_action(client, "print_badges", [registration])

    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("size", [1, 3])
def test_the_badges_query_count_does_not_grow(
    client, staff_with, started_edition, size, django_assert_num_queries
):
    registrations = [
        services.confirm_email(registration=RegistrationFactory(edition=started_edition))
        for _ in range(size)
    ]
    client.force_login(staff_with("view_registration", "print_badges"))

    # Session, user and permissions (4), the list's filters and counts (6), the selection (2).
    with django_assert_num_queries(12):
        run_action(client, "print_badges", registrations)


def test_the_groups_hold_the_document_permissions():
    letters = Group.objects.get(name="Visa letters").permissions.values_list("codename", flat=True)
    organizers = Group.objects.get(name="Organizers").permissions.values_list("codename", flat=True)

    assert {"issue_visa_letter", "view_passport_data", "view_issueddocument"} <= set(letters)
    assert {"issue_certificate", "print_badges", "view_issueddocument"} <= set(organizers)
    assert "issue_visa_letter" not in organizers


def test_an_organizer_correcting_a_name_updates_what_verification_shows(
    client, admin_user, started_edition, organizer
):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, name="Jon Smith")
    )
    services.check_in(registration=registration, by=organizer)
    certificate = services.issue_certificate(registration=registration)
    client.force_login(admin_user)

    change = reverse("admin:attendees_registration_change", args=[registration.pk])
    response = submit(client, change, "registration_form", {"name": "Ewa Nowak"})

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.holder_initials == "E. N."
