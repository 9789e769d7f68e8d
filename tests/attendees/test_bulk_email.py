"""Emails to a selection of registrations: one per person in their language, queued in the
outbox in one go, recorded with its progress, and only for staff allowed to send them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from post_office.models import PRIORITY, STATUS, Email

from attendees import bulk_email, services
from attendees.models import BulkEmail, MessageText, Registration
from tests.factories import OpenEditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:attendees_registration_changelist"
SENDER = ("view_registration", "add_bulkemail", "view_bulkemail")
ENGLISH = {"subject_en": "Bus times", "body_en": "The bus leaves at 8:00.\r\nBe on time."}
CHINESE = {"subject_zh_hans": "班车时间", "body_zh_hans": "班车八点出发。"}


def post_action(client, registrations, data=None, **filters):
    url = reverse(CHANGELIST)
    if filters:
        url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(
        url,
        {
            "action": "send_email",
            "_selected_action": [registration.pk for registration in registrations],
            **({"post": "yes", **data} if data is not None else {}),
        },
    )


@pytest.fixture
def attendees(open_edition):
    return [
        RegistrationFactory(edition=open_edition, language="en", email="ann@example.org"),
        RegistrationFactory(edition=open_edition, language="zh-hans", email="bo@example.org"),
        RegistrationFactory(edition=open_edition, language="zh-hans", email="chen@example.org"),
    ]


def test_the_action_shows_how_many_people_the_message_reaches(client, staff_with, attendees):
    client.force_login(staff_with(*SENDER))
    response = post_action(client, attendees)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This message goes to 3 people." in html
    assert "1 in English" in html and "2 in Simplified Chinese" in html
    assert Email.objects.count() == 0


def test_each_person_gets_one_email_in_their_language(client, staff_with, attendees):
    sender = staff_with(*SENDER)
    client.force_login(sender)
    response = post_action(client, attendees, {**ENGLISH, **CHINESE})
    mailing = BulkEmail.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:attendees_bulkemail_change", args=[mailing.pk])
    by_address = {email.to[0]: email for email in Email.objects.all()}
    assert set(by_address) == {"ann@example.org", "bo@example.org", "chen@example.org"}
    assert by_address["ann@example.org"].subject == "Bus times"
    assert by_address["ann@example.org"].message == "The bus leaves at 8:00.\nBe on time."
    assert by_address["bo@example.org"].subject == "班车时间"
    assert by_address["chen@example.org"].message == "班车八点出发。"
    assert mailing.sent_by == sender
    assert mailing.recipients_count == 3
    assert set(mailing.messages.all()) == set(by_address.values())


def test_a_language_without_a_version_falls_back_to_the_other(client, staff_with, attendees):
    client.force_login(staff_with(*SENDER))
    post_action(client, attendees, CHINESE)
    assert {email.subject for email in Email.objects.all()} == {"班车时间"}
    assert Email.objects.count() == 3


def test_the_request_only_queues_and_a_worker_sends_the_mailing_behind_personal_email(
    client, staff_with, attendees, run_tasks, mailoutbox
):
    client.force_login(staff_with(*SENDER))
    post_action(client, attendees, ENGLISH)
    assert mailoutbox == []
    assert set(Email.objects.values_list("status", "priority")) == {(STATUS.queued, PRIORITY.low)}
    # Someone asks for their link meanwhile: that message goes out first.
    services.resend_link(registration=attendees[1])

    run_tasks()
    assert len(mailoutbox) == 4
    first = mailoutbox[0]
    assert first.to == ["bo@example.org"] and first.subject != "Bus times"
    assert {m.subject for m in mailoutbox[1:]} == {"Bus times"}
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_only_the_filtered_and_selected_registrations_are_emailed(
    client, staff_with, attendees, confirmed, open_edition
):
    seated = confirmed(edition=open_edition, email="seated@example.org")
    client.force_login(staff_with(*SENDER))
    post_action(client, [*attendees, seated], ENGLISH, status__exact="confirmed")
    assert [email.to for email in BulkEmail.objects.get().messages.all()] == [
        ["seated@example.org"]
    ]


def test_selecting_all_across_pages_emails_every_filtered_registration(
    client, staff_with, attendees, confirmed, open_edition
):
    seated = [confirmed(edition=open_edition) for _ in range(2)]
    client.force_login(staff_with(*SENDER))
    page = client.post(
        reverse(CHANGELIST) + "?status__exact=confirmed",
        {"action": "send_email", "select_across": "1", "_selected_action": [seated[0].pk]},
    )
    assert "This message goes to 2 people." in page.content.decode()
    post_action(client, seated, ENGLISH, status__exact="confirmed")
    assert BulkEmail.objects.get().recipients_count == 2


def test_one_address_registered_twice_gets_one_email(client, staff_with, attendees):
    again = RegistrationFactory(
        edition=OpenEditionFactory(), email="ann@example.org", language="zh-hans"
    )
    client.force_login(staff_with(*SENDER))
    post_action(client, [*attendees, again], {**ENGLISH, **CHINESE})
    to_ann = Email.objects.get(to="ann@example.org")
    assert to_ann.subject == "班车时间"  # the language of the newest registration
    assert BulkEmail.objects.get().recipients_count == 3


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"subject_en": "Bus times"},
        {"body_en": "No subject."},
        {**ENGLISH, "subject_zh_hans": "班车时间"},
    ],
    ids=["empty", "subject-only", "body-only", "half-a-translation"],
)
def test_nothing_is_queued_when_the_form_is_invalid(client, staff_with, attendees, data):
    client.force_login(staff_with(*SENDER))
    response = post_action(client, attendees, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Email.objects.count() == 0
    assert BulkEmail.objects.count() == 0


def test_the_form_explains_what_is_missing(client, staff_with, attendees):
    client.force_login(staff_with(*SENDER))
    html = post_action(client, attendees, {"subject_en": "Bus times"}).content.decode()
    assert "Write the message that goes with this subject." in html
    html = post_action(client, attendees, {}).content.decode()
    assert "Write the message in at least one language." in html


def test_sending_needs_its_permission(client, staff_with, attendees):
    client.force_login(staff_with("view_registration", "change_registration"))
    assert "send_email" not in client.get(reverse(CHANGELIST)).content.decode()
    post_action(client, attendees, ENGLISH)
    assert Email.objects.count() == 0
    assert BulkEmail.objects.count() == 0


def test_the_service_refuses_a_mailing_without_text(attendees, admin_user):
    with pytest.raises(ValidationError):
        bulk_email.send_bulk_email(
            registrations=Registration.objects.all(),
            by=admin_user,
            texts={"en": MessageText("", "")},
        )
    assert Email.objects.count() == 0


def test_anonymized_registrations_are_not_emailed(attendees, admin_user):
    Registration.objects.filter(pk=attendees[0].pk).update(anonymized_at=attendees[0].created_at)
    mailing = bulk_email.send_bulk_email(
        registrations=Registration.objects.all(), by=admin_user, texts={"en": MessageText("A", "B")}
    )
    assert mailing.recipients_count == 2
    assert not Email.objects.filter(to=attendees[0].email).exists()


def test_the_mailing_shows_its_progress(client, staff_with, attendees, admin_user):
    mailing = bulk_email.send_bulk_email(
        registrations=Registration.objects.all(), by=admin_user, texts={"en": MessageText("A", "B")}
    )
    first, second, _third = mailing.messages.order_by("pk")
    first.dispatch()
    Email.objects.filter(pk=second.pk).update(status=STATUS.failed)
    mailing = BulkEmail.objects.with_progress().get()
    assert (mailing.waiting_count, mailing.sent_count, mailing.failed_count) == (1, 1, 1)

    client.force_login(staff_with("view_bulkemail"))
    html = client.get(reverse("admin:attendees_bulkemail_changelist")).content.decode()
    assert '<td class="field-waiting">1</td>' in html
    assert '<td class="field-sent">1</td>' in html
    assert '<td class="field-failed">1</td>' in html
    detail = client.get(reverse("admin:attendees_bulkemail_change", args=[mailing.pk]))
    assert detail.status_code == 200
    assert "B" in detail.content.decode()


def test_a_mailing_cannot_be_changed_or_deleted_in_the_admin(client, admin_user, attendees):
    mailing = bulk_email.send_bulk_email(
        registrations=Registration.objects.all(), by=admin_user, texts={"en": MessageText("A", "B")}
    )
    client.force_login(admin_user)
    assert client.get(reverse("admin:attendees_bulkemail_add")).status_code == 403
    url = reverse("admin:attendees_bulkemail_delete", args=[mailing.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert BulkEmail.objects.count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_of_mailings_costs_the_same_number_of_queries_for_any_size(
    client, admin_user, attendees, count
):
    for _ in range(count):
        bulk_email.send_bulk_email(
            registrations=Registration.objects.all(),
            by=admin_user,
            texts={"en": MessageText("A", "B")},
        )
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:attendees_bulkemail_changelist"))
    assert response.status_code == 200
    # Session, user, two counts, one page of mailings with their progress, the date hierarchy (2).
    assert len(queries) == 7
