"""Issuing and revoking documents: who gets a visa letter or a certificate, and when."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from attendees import services
from attendees.documents.serials import initials, normalize
from attendees.models import IssuedDocument, Registration
from tests.factories import OpenEditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_issuing_a_letter_records_who_and_when_and_emails_the_attendee(
    visa_applicant, organizer, send_mail, mailoutbox
):
    registration = visa_applicant(language="en")
    mailoutbox.clear()

    with send_mail():
        letter = services.issue_visa_letter(registration=registration, by=organizer)

    assert letter.kind == IssuedDocument.Kind.VISA_LETTER
    assert letter.issued_by == organizer
    assert letter.issued_at is not None
    assert letter.holder_initials == "H. M."
    assert letter.edition == registration.edition
    [message] = mailoutbox
    assert message.to == [registration.email]
    assert "visa invitation letter" in message.subject
    assert letter.display_serial in message.body
    assert f"/verify/{letter.display_serial}/" in message.body
    assert f"/{registration.edition.year}/registration/" in message.body


def test_the_letter_email_is_in_the_attendee_s_language(
    visa_applicant, organizer, send_mail, mailoutbox
):
    registration = visa_applicant(language="zh-hans")
    mailoutbox.clear()

    with send_mail():
        letter = services.issue_visa_letter(registration=registration, by=organizer)

    assert f"/zh-hans/verify/{letter.display_serial}/" in mailoutbox[0].body
    assert letter.language == "zh-hans"


def test_no_letter_for_a_registration_that_did_not_ask_for_one(started_edition, organizer):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, needs_visa_letter=False)
    )

    with pytest.raises(services.RegistrationError, match="did not ask"):
        services.issue_visa_letter(registration=registration, by=organizer)
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize(
    "status", [Registration.Status.UNCONFIRMED, Registration.Status.PENDING_APPROVAL]
)
def test_no_letter_before_the_place_is_confirmed(visa_applicant, organizer, status):
    registration = visa_applicant()
    Registration.objects.filter(pk=registration.pk).update(status=status)
    registration.refresh_from_db()

    with pytest.raises(services.RegistrationError, match="place is confirmed"):
        services.issue_visa_letter(registration=registration, by=organizer)


def test_no_letter_for_an_online_attendee(visa_applicant, organizer):
    registration = visa_applicant(mode=Registration.Mode.ONLINE)

    with pytest.raises(services.RegistrationError):
        services.issue_visa_letter(registration=registration, by=organizer)


def test_a_letter_is_issued_once(visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)

    with pytest.raises(services.RegistrationError, match="already been issued"):
        services.issue_visa_letter(registration=registration, by=organizer)
    assert IssuedDocument.objects.count() == 1


def test_the_database_holds_one_valid_document_of_a_kind(visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    with pytest.raises(IntegrityError):
        IssuedDocument.objects.create(
            kind=letter.kind, registration=letter.registration, edition=letter.edition
        )


def test_a_revoked_letter_can_be_replaced_with_a_new_serial(visa_applicant, organizer):
    registration = visa_applicant()
    first = services.issue_visa_letter(registration=registration, by=organizer)

    assert services.revoke_document(document=first, by=organizer, reason="Typo in the name")
    second = services.issue_visa_letter(registration=registration, by=organizer)

    first.refresh_from_db()
    assert first.revoked_by == organizer
    assert first.revocation_reason == "Typo in the name"
    assert second.serial != first.serial
    assert services.valid_document(registration, IssuedDocument.Kind.VISA_LETTER) == second


def test_revoking_twice_changes_nothing(visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    services.revoke_document(document=letter, by=organizer, reason="first")
    revoked_at = letter.revoked_at

    assert not services.revoke_document(document=letter, by=None, reason="second")
    letter.refresh_from_db()
    assert letter.revoked_at == revoked_at
    assert letter.revocation_reason == "first"


def test_cancelling_revokes_the_letter(visa_applicant, organizer):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    services.cancel(registration=registration)

    letter.refresh_from_db()
    assert letter.is_revoked
    assert letter.revoked_by is None


def test_switching_to_online_revokes_the_letter(visa_applicant, organizer):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    services.switch_mode(registration=registration, mode=Registration.Mode.ONLINE)

    letter.refresh_from_db()
    assert letter.is_revoked


def test_deleting_the_registration_keeps_the_record_without_initials(visa_applicant, organizer):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    services.delete_registration(registration=registration)

    letter.refresh_from_db()
    assert letter.registration is None
    assert letter.holder_initials == ""
    assert letter.is_revoked


def test_the_passport_data_of_an_issued_letter_cannot_be_changed(visa_applicant, organizer):
    registration = visa_applicant()
    services.issue_visa_letter(registration=registration, by=organizer)

    with pytest.raises(services.RegistrationError, match="visa invitation letter"):
        services.update_details(registration=registration, details={"passport_number": "X999"})
    with pytest.raises(services.RegistrationError):
        services.update_details(registration=registration, details={"needs_visa_letter": False})

    with pytest.raises(services.RegistrationError, match="Organization: Printed on your visa"):
        services.update_details(registration=registration, details={"organization": "TU Berlin"})

    registration.refresh_from_db()
    assert registration.passport_number == "C01X00T47"
    services.update_details(
        registration=registration,
        details={"dietary_needs": "vegan", "nationality": "DE", "name": "Hans Müller"},
    )
    registration.refresh_from_db()
    assert registration.dietary_needs == "vegan"


def test_certificates_are_for_checked_in_attendees_only(visa_applicant):
    registration = visa_applicant()

    with pytest.raises(services.RegistrationError, match="checked in"):
        services.issue_certificate(registration=registration)
    assert not IssuedDocument.objects.exists()


def test_certificates_wait_for_the_first_day_of_the_conference(organizer):
    edition = OpenEditionFactory()  # in November of a year to come
    registration = services.confirm_email(registration=RegistrationFactory(edition=edition))
    services.check_in(registration=registration, by=organizer)

    with pytest.raises(services.RegistrationError, match="first day"):
        services.issue_certificate(registration=registration)

    first_day = datetime.datetime.combine(edition.start_date, datetime.time(8), edition.tzinfo)
    with time_machine.travel(first_day, tick=False):
        certificate = services.issue_certificate(registration=registration)
    assert certificate.issued_by is None


def test_online_presence_earns_a_certificate(started_edition):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, mode=Registration.Mode.ONLINE)
    )
    services.record_online_presence(registration=registration)

    certificate = services.issue_certificate(registration=registration)

    assert certificate.kind == IssuedDocument.Kind.CERTIFICATE


def test_the_certificate_is_issued_once_however_often_it_is_downloaded(visa_applicant, organizer):
    registration = visa_applicant()
    services.check_in(registration=registration, by=organizer)

    first = services.issue_certificate(registration=registration)
    again = services.issue_certificate(registration=registration, by=organizer)

    assert first == again
    assert IssuedDocument.objects.count() == 1


def test_after_revocation_only_an_organizer_issues_a_new_certificate(visa_applicant, organizer):
    registration = visa_applicant()
    services.check_in(registration=registration, by=organizer)
    revoked = services.issue_certificate(registration=registration)
    services.revoke_document(document=revoked, by=organizer, reason="Wrong role")

    with pytest.raises(services.RegistrationError, match="withdrawn"):
        services.issue_certificate(registration=registration)
    renewed = services.issue_certificate(registration=registration, by=organizer)

    assert renewed.serial != revoked.serial


def test_after_check_in_the_attendee_cannot_change_the_name_a_certificate_prints(
    started_edition, organizer
):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, name="Jon Smith")
    )
    services.check_in(registration=registration, by=organizer)
    certificate = services.issue_certificate(registration=registration)

    with pytest.raises(services.RegistrationError, match="Name: Printed on your name badge"):
        services.update_details(registration=registration, details={"name": "John Smyth"})

    certificate.refresh_from_db()
    assert certificate.holder_initials == "J. S."


def test_serials_are_long_random_and_unique(visa_applicant, organizer):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    other = services.issue_visa_letter(
        registration=visa_applicant(email="someone@example.org"), by=organizer
    )

    assert len(letter.serial) == 16
    assert letter.serial != other.serial
    assert normalize(letter.display_serial.lower()) == letter.serial
    assert normalize(f" {letter.serial[:8]} {letter.serial[8:]} ") == letter.serial


@pytest.mark.parametrize("text", ["", "ABC", "0000-0000-0000-0000", "../../etc/passwd", "Ü" * 16])
def test_malformed_serials_are_refused(text):
    assert normalize(text) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hans Müller", "H. M."),
        ("Wang Jianguo", "W. J."),
        ("王建国", "王*"),
        ("Jean-Pierre  Dupont", "J.-P. D."),
        ("Łukasz Szőke", "Ł. S."),
        ("", ""),
    ],
)
def test_verification_shows_initials_only(name, expected):
    assert initials(name) == expected


def test_initials_of_the_longest_name_fit_the_record_in_whole_words():
    name = ("Maximilian Alexander Friedrich-Wilhelm von Hohenzollern-Sigmaringen " * 3)[:200]
    short = initials(name)
    assert len(short) <= IssuedDocument._meta.get_field("holder_initials").max_length
    assert short.startswith("M. A. F.-W. V. H.-S. M.") and not short.endswith("-")


def test_issued_at_is_recorded_now(visa_applicant, organizer):
    before = timezone.now()
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    assert before <= letter.issued_at <= timezone.now()
