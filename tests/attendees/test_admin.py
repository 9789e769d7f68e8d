"""Registrations in the admin: the list, passport data behind its permission, actions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from post_office.models import Email

from attendees import services
from attendees.models import Registration
from tests.admin_forms import submit
from tests.factories import RegistrationFactory, SubForumFactory, UserFactory

Status = Registration.Status
pytestmark = pytest.mark.django_db

CHANGELIST = "admin:attendees_registration_changelist"


def staff_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_number_of_queries_for_any_size(
    client, admin_user, open_edition, count
):
    sub_forum = SubForumFactory(edition=open_edition)
    RegistrationFactory.create_batch(count, edition=open_edition, sub_forums=[sub_forum])
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert len(queries) == 10


def test_the_list_filters_by_status(client, admin_user, open_edition, confirmed):
    confirmed(edition=open_edition, name="Seated Person")
    RegistrationFactory(edition=open_edition, name="Unconfirmed Person")
    client.force_login(admin_user)
    content = client.get(reverse(CHANGELIST), {"status__exact": "confirmed"}).content.decode()
    assert "Seated Person" in content
    assert "Unconfirmed Person" not in content


def test_passport_data_needs_its_own_permission(client, open_edition):
    registration = RegistrationFactory(
        edition=open_edition,
        needs_visa_letter=True,
        nationality="FR",
        passport_number="PASS-12345",
        date_of_birth="1985-04-03",
    )
    url = reverse("admin:attendees_registration_change", args=[registration.pk])
    client.force_login(staff_with("view_registration", "change_registration"))
    assert "PASS-12345" not in client.get(url).content.decode()
    client.force_login(staff_with("view_registration", "view_passport_data"))
    assert "PASS-12345" in client.get(url).content.decode()


def test_approve_action_goes_through_the_service(
    client, admin_user, approval_edition, confirmed, send_mail, mailoutbox
):
    registration = confirmed(edition=approval_edition)
    client.force_login(admin_user)
    with send_mail():
        client.post(
            reverse(CHANGELIST),
            {"action": "approve", "_selected_action": [registration.pk]},
        )
    registration.refresh_from_db()
    assert registration.status == Status.APPROVED
    assert registration.reviewed_by == admin_user
    assert "approved" in mailoutbox[0].subject


def test_an_action_that_does_not_apply_explains_why(client, admin_user, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    client.force_login(admin_user)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "approve", "_selected_action": [registration.pk]},
        follow=True,
    )
    assert "Only registrations waiting for approval can be approved." in response.content.decode()


def test_the_cancel_action_gives_the_reason_the_services_give(
    client, admin_user, open_edition, confirmed, staff
):
    registration = confirmed(edition=open_edition, name="Ada Arrived")
    services.check_in(registration=registration, by=staff)
    client.force_login(admin_user)

    response = client.post(
        reverse(CHANGELIST),
        {"action": "cancel", "_selected_action": [registration.pk]},
        follow=True,
    )

    reason = services.cancel_refusal(Registration.objects.get(pk=registration.pk))
    assert reason and f"Ada Arrived: {reason}" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_deleting_in_the_admin_promotes_the_waitlist(client, admin_user, small_edition, confirmed):
    leaving = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    client.force_login(admin_user)
    client.post(reverse("admin:attendees_registration_delete", args=[leaving.pk]), {"post": "yes"})
    waiting.refresh_from_db()
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    assert waiting.status == Status.CONFIRMED


def test_registration_settings_are_editable(client, admin_user, open_edition):
    client.force_login(admin_user)
    response = client.get(reverse("admin:attendees_registrationsettings_add"))
    assert response.status_code == 200


def test_organizers_may_export_email_and_see_statistics():
    organizers = Group.objects.get(name="Organizers")
    granted = set(organizers.permissions.values_list("codename", flat=True))
    assert {"export_registration", "view_statistics", "add_bulkemail", "view_bulkemail"} <= granted
    assert "view_passport_data" not in granted


def test_raising_a_capacity_in_the_admin_leaves_the_promotions_to_a_worker(
    client, admin_user, small_edition, confirmed, run_tasks, mailoutbox
):
    for n in range(2):
        confirmed(edition=small_edition, email=f"seated{n}@example.org")
    waiting = [confirmed(edition=small_edition, email=f"waiting{n}@example.org") for n in range(3)]
    run_tasks()
    mailoutbox.clear()
    client.force_login(admin_user)

    response = submit(
        client,
        reverse("admin:events_edition_change", args=[small_edition.pk]),
        "edition_form",
        {"on_site_capacity": "4"},
    )
    assert response.status_code == 302
    # The organizer's request promoted nobody and emailed nobody: it enqueued the promotion.
    assert {r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting])} == {
        Status.WAITLISTED
    }
    assert not Email.objects.filter(subject__startswith="A place is now yours").exists()
    assert DBTaskResult.objects.filter(task_path="attendees.tasks.promote_waitlist").exists()

    run_tasks()
    assert sorted(m.to[0] for m in mailoutbox) == ["waiting0@example.org", "waiting1@example.org"]
    assert all(m.subject.startswith("A place is now yours") for m in mailoutbox)
    assert Registration.objects.get(pk=waiting[2].pk).status == Status.WAITLISTED
