"""``manage.py anonymize_registrations``: personal data goes, what statistics count stays."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from post_office.models import Email

from attendees import links, services
from attendees.models import Registration
from tests.factories import EditionFactory, RegistrationFactory, SubForumFactory, UserFactory

Status = Registration.Status
pytestmark = pytest.mark.django_db


def edition_ended(days_ago: int):
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    return EditionFactory(start_date=end - datetime.timedelta(days=1), end_date=end)


def anonymize(*args) -> str:
    out = io.StringIO()
    call_command("anonymize_registrations", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def outbox_message(to: str) -> Email:
    return Email.objects.create(
        from_email="conference@localhost", to=[to], subject="Your registration", message="Hello"
    )


@pytest.fixture
def attended():
    """A confirmed on-site registration with every personal field filled in, checked in."""

    def make(edition, **kwargs):
        now = timezone.now()
        fields = {
            "status": Status.CONFIRMED,
            "confirmed_at": now,
            "checked_in_at": now,
            "checked_in_by": UserFactory(username="desk"),
            "name": "Ivan Petrov",
            "name_original": "Иван Петров",
            "email": "ivan@example.org",
            "organization": "Ural Federal University",
            "organization_type": Registration.OrganizationType.UNIVERSITY,
            "position": "Professor",
            "country": "RU",
            "category": Registration.Category.EXPERT,
            "needs_visa_letter": True,
            "nationality": "RU",
            "passport_number": "75 1234567",
            "date_of_birth": datetime.date(1970, 5, 4),
            "dietary_needs": "vegetarian",
            "accessibility_needs": "wheelchair",
            "public_listing_consent": True,
            "language": "zh-hans",
        }
        return RegistrationFactory(edition=edition, **{**fields, **kwargs})

    return make


def test_only_editions_that_ended_more_than_the_retention_period_ago(settings, attended):
    settings.ATTENDEES_RETENTION_DAYS = 365
    old = attended(edition_ended(366))
    recent = attended(edition_ended(365), email="recent@example.org")
    upcoming = RegistrationFactory()

    output = anonymize()

    assert "Anonymized 1 registrations" in output
    anonymized = Registration.objects.exclude(anonymized_at=None)
    assert list(anonymized.values_list("pk", flat=True)) == [old.pk]
    for registration in (recent, upcoming):
        registration.refresh_from_db()
        assert registration.name != services.ANONYMIZED_NAME


def test_days_option_overrides_the_setting(settings, attended):
    settings.ATTENDEES_RETENTION_DAYS = 365
    registration = attended(edition_ended(31))

    anonymize("--days", "30")

    registration.refresh_from_db()
    assert registration.is_anonymized


def test_personal_data_is_erased_and_what_statistics_count_stays(attended):
    sub_forum = SubForumFactory()
    registration = attended(sub_forum.edition, sub_forums=[sub_forum])
    sub_forum.edition.end_date = timezone.localdate() - datetime.timedelta(days=400)
    sub_forum.edition.start_date = sub_forum.edition.end_date
    sub_forum.edition.save()
    before = Registration.objects.get(pk=registration.pk)

    anonymize()

    after = Registration.objects.get(pk=registration.pk)
    assert after.name == "Anonymized"
    assert after.email == f"anonymized-{after.pk}@anonymized.invalid"
    erased = [
        "name_original",
        "organization",
        "position",
        "nationality",
        "passport_number",
        "dietary_needs",
        "accessibility_needs",
    ]
    assert all(not getattr(after, name) for name in erased)
    assert after.date_of_birth is None
    kept = [
        "edition_id",
        "status",
        "category",
        "country",
        "organization_type",
        "mode",
        "language",
        "needs_visa_letter",
        "public_listing_consent",
        "privacy_consent_at",
        "created_at",
        "confirmed_at",
        "checked_in_at",
        "checked_in_by_id",
        "ticket_code",
    ]
    assert {n: getattr(after, n) for n in kept} == {n: getattr(before, n) for n in kept}
    assert list(after.sub_forums.all()) == [sub_forum]
    after.validate_constraints()


def test_the_personal_link_stops_working(attended):
    registration = attended(edition_ended(400))
    token = links.manage_token(registration)

    anonymize()

    with pytest.raises(links.InvalidLink):
        links.registration_to_manage(token, year=registration.edition.year)


def test_outbox_messages_to_the_address_are_deleted(attended):
    registration = attended(edition_ended(400))
    outbox_message(registration.email)
    other = outbox_message("someone.else@example.org")

    anonymize()

    assert list(Email.objects.all()) == [other]


def test_messages_about_a_later_registration_of_the_same_person_are_kept(attended, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(days=500), tick=False)
    old = attended(edition_ended(100), email="ivan@example.org")
    outbox_message(old.email)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=480), tick=False)
    later = RegistrationFactory(email="ivan@example.org")
    about_later = outbox_message(later.email)

    anonymize("--days", "0")

    assert list(Email.objects.all()) == [about_later]
    later.refresh_from_db()
    assert later.email == "ivan@example.org" and not later.is_anonymized


def test_registrations_of_one_address_get_distinct_addresses(attended):
    edition = edition_ended(400)
    attended(edition, status=Status.CANCELLED, checked_in_at=None, checked_in_by=None)
    attended(edition)

    anonymize()

    emails = set(Registration.objects.values_list("email", flat=True))
    assert len(emails) == 2 and all(e.endswith("@anonymized.invalid") for e in emails)


def test_running_again_changes_nothing(attended):
    registration = attended(edition_ended(400))
    anonymize()
    registration.refresh_from_db()
    first = (registration.anonymized_at, registration.access_secret)

    output = anonymize()

    registration.refresh_from_db()
    assert "Anonymized 0 registrations" in output
    assert (registration.anonymized_at, registration.access_secret) == first


def test_dry_run_counts_per_edition_and_changes_nothing(attended):
    old = edition_ended(400)
    attended(old)
    RegistrationFactory(edition=old)

    output = anonymize("--dry-run")

    assert f"{old.year}: 2 registrations would be anonymized." in output
    assert not Registration.objects.exclude(anonymized_at=None).exists()


def test_a_negative_number_of_days_is_an_error(db):
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("anonymize_registrations", "--days", "-1")


def test_the_service_refuses_an_edition_that_has_not_ended(attended):
    registration = attended(edition_ended(0), email="today@example.org")

    with pytest.raises(services.RegistrationError, match="only after their edition has ended"):
        services.anonymize(registration=registration)

    registration.refresh_from_db()
    assert not registration.is_anonymized
