"""The history of registrations in the admin: no passport data, no revert past the services,
and nothing personal left once a registration is anonymized or deleted."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import timezone

from attendees import services
from attendees.models import Registration, RegistrationSettings
from tests.admin_forms import submit
from tests.factories import EditionFactory, RegistrationFactory, RegistrationSettingsFactory

Status = Registration.Status
pytestmark = pytest.mark.django_db

PASSPORT_NUMBER = "E12345678"
PERSONAL = {
    "name": "Ivan Petrov",
    "name_original": "Иван Петров",
    "email": "ivan@example.org",
    "organization": "Ural Federal University",
    "position": "Professor",
    "dietary_needs": "vegetarian",
    "accessibility_needs": "wheelchair",
}


def history_url(registration, *version):
    if version:
        return reverse(
            "admin:attendees_registration_simple_history", args=[registration.pk, *version]
        )
    return reverse("admin:attendees_registration_history", args=[registration.pk])


def visa_applicant(edition=None, **fields):
    return RegistrationFactory(
        **({"edition": edition} if edition else {}),
        needs_visa_letter=True,
        nationality="RU",
        passport_number=PASSPORT_NUMBER,
        date_of_birth=datetime.date(1970, 5, 4),
        **{**PERSONAL, **fields},
    )


def test_the_history_never_holds_passport_data_or_the_link_secret():
    fields = {field.name for field in Registration.history.model._meta.fields}
    assert not fields & {"passport_number", "date_of_birth", "nationality", "access_secret"}
    assert {"name", "email", "status"} <= fields


def test_history_pages_show_no_passport_data_to_anyone(client, admin_user):
    registration = visa_applicant()
    registration.position = "Dean"
    registration.save()
    client.force_login(admin_user)
    page = client.get(history_url(registration))
    assert page.status_code == 200
    assert "Dean" in page.content.decode()
    assert PASSPORT_NUMBER not in page.content.decode()


def test_a_revert_restores_what_organizers_edit_and_never_the_status(client, admin_user, confirmed):
    registration = confirmed(**PERSONAL)
    client.force_login(admin_user)
    change = reverse("admin:attendees_registration_change", args=[registration.pk])
    response = submit(client, change, "registration_form", {"organization": "A typo"})
    assert response.status_code == 302
    services.cancel(registration=Registration.objects.get(pk=registration.pk))
    secret = Registration.objects.get(pk=registration.pk).access_secret
    before_typo = Registration.history.filter(
        id=registration.pk, organization=PERSONAL["organization"]
    ).first()

    response = submit(
        client, history_url(registration, before_typo.history_id), "historicalregistration_form"
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organization == PERSONAL["organization"]
    assert registration.status == Status.CANCELLED
    assert registration.access_secret == secret
    assert registration.history.first().history_user == admin_user


def test_admin_actions_record_who_took_them(client, admin_user, approval_edition, confirmed):
    registration = confirmed(edition=approval_edition)
    assert registration.status == Status.PENDING_APPROVAL
    client.force_login(admin_user)

    client.post(
        reverse("admin:attendees_registration_changelist"),
        {"action": "approve", "_selected_action": [registration.pk]},
    )

    latest = registration.history.first()
    assert latest.status == Status.APPROVED
    assert latest.history_user == admin_user


def test_anonymization_leaves_no_personal_data_in_the_history():
    end = timezone.localdate() - datetime.timedelta(days=400)
    edition = EditionFactory(start_date=end, end_date=end)
    registration = visa_applicant(edition)
    registration.position = "Dean"
    registration.save()
    registration.organization = "Another University"
    registration.save()
    kept = visa_applicant(email="other@example.org", name="Somebody Else")

    call_command("anonymize_registrations")

    versions = Registration.history.filter(id=registration.pk)
    assert versions.count() == 4
    text_fields = [
        field.attname
        for field in Registration.history.model._meta.fields
        if isinstance(field, CharField | TextField)
    ]
    stored = " ".join(str(value) for row in versions.values_list(*text_fields) for value in row)
    for value in [*PERSONAL.values(), "Dean", "Another University", PASSPORT_NUMBER]:
        assert value not in stored
    assert kept.history.first().name == "Somebody Else"


def test_deleting_a_registration_deletes_its_history(confirmed):
    registration = confirmed(**PERSONAL)
    pk = registration.pk

    services.delete_registration(registration=registration)

    assert not Registration.history.filter(id=pk).exists()


def test_expired_unconfirmed_registrations_leave_no_history(settings):
    old = timezone.now() - settings.ATTENDEES_CONFIRMATION_MAX_AGE - datetime.timedelta(hours=1)
    registration = RegistrationFactory(confirmation_sent_at=old, **PERSONAL)

    call_command("cleanup_unconfirmed", stdout=None)

    assert not Registration.history.filter(id=registration.pk).exists()


def test_deleted_registrations_are_not_offered_for_recovery(client, admin_user):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:attendees_registration_changelist"))
    assert listing.status_code == 200
    assert "recover" not in listing.content.decode()
    assert (
        client.get(reverse("admin:attendees_registration_changelist") + "recover/").status_code
        == 403
    )


def test_registration_settings_are_reverted_through_their_history(client, admin_user):
    settings = RegistrationSettingsFactory(online_capacity=50)
    settings.online_capacity = 5
    settings.save()
    client.force_login(admin_user)
    url = reverse(
        "admin:attendees_registrationsettings_simple_history",
        args=[settings.pk, settings.history.earliest().history_id],
    )

    assert submit(client, url, "historicalregistrationsettings_form").status_code == 302

    assert RegistrationSettings.objects.get(pk=settings.pk).online_capacity == 50
