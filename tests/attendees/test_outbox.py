"""Email goes through the persistent outbox and the task queue: nothing is lost while the mail
server is down, nothing is sent from a request, and a message that keeps failing stays in the
admin, which can send it again."""

import datetime
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from post_office.models import STATUS, Email

from attendees import emails, services
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


class Outage(Exception):
    pass


@pytest.fixture
def mail_server(monkeypatch):
    """Django's test mail backend that can be made to fail as a mail server would."""

    class Server:
        failure: Exception | None = None

    real_send = EmailBackend.send_messages

    def send_messages(backend, messages):
        if Server.failure is not None:
            raise Server.failure
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return Server


@pytest.fixture
def retries(settings):
    settings.EMAIL_RETRY_FIRST_DELAY = datetime.timedelta(seconds=5)
    settings.EMAIL_RETRY_MAX_DELAY = datetime.timedelta(seconds=30)
    settings.EMAIL_MAX_ATTEMPTS = 4
    return settings


def deliveries():
    return DBTaskResult.objects.filter(task_path="attendees.tasks.deliver_email")


def test_a_change_its_email_and_the_task_sending_it_are_stored_together(open_edition, mailoutbox):
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    email = Email.objects.get()
    assert email.to == [registration.email]
    assert email.status == STATUS.queued
    (task,) = deliveries().ready()
    assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert mailoutbox == []


def test_the_worker_sends_the_message_once(open_edition, run_tasks, mailoutbox):
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    run_tasks()
    emails.deliver(Email.objects.get().pk)  # a late duplicate of the task changes nothing
    assert [m.to for m in mailoutbox] == [[registration.email]]
    email = Email.objects.get()
    assert email.status == STATUS.sent
    assert email.logs.get().status == STATUS.sent


def test_retry_delays_double_up_to_the_cap(retries):
    assert [emails.retry_delay(n).total_seconds() for n in range(1, 7)] == [5, 10, 20, 30, 30, 30]


def test_a_failed_delivery_is_kept_and_retried_after_a_short_delay(
    open_edition, mail_server, retries, run_tasks, mailoutbox, time_machine
):
    time_machine.move_to(datetime.datetime(2030, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    mail_server.failure = Outage("SMTP server unreachable")
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    run_tasks()
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.logs.get().exception_type == "Outage"
    assert email.scheduled_time == datetime.datetime(2030, 3, 1, 9, 0, 5, tzinfo=datetime.UTC)
    assert mailoutbox == []

    # Not before its time, then at once.
    mail_server.failure = None
    time_machine.move_to(email.scheduled_time - datetime.timedelta(seconds=1), tick=False)
    run_tasks()
    assert mailoutbox == []
    time_machine.move_to(email.scheduled_time, tick=False)
    run_tasks()
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert Email.objects.get().status == STATUS.sent


def test_a_message_that_keeps_failing_stays_failed_and_no_task_is_left(
    open_edition, mail_server, retries, run_tasks, time_machine
):
    time_machine.move_to(datetime.datetime(2030, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    mail_server.failure = Outage("SMTP server unreachable")
    services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    for _attempt in range(retries.EMAIL_MAX_ATTEMPTS):
        run_tasks()
        time_machine.shift(retries.EMAIL_RETRY_MAX_DELAY)
    email = Email.objects.get()
    assert email.status == STATUS.failed
    assert email.number_of_retries == 4
    assert email.logs.filter(status=STATUS.failed).count() == 4
    assert not deliveries().ready().exists()


def test_a_recipient_refused_for_good_is_not_tried_again(open_edition, mail_server, run_tasks):
    registration = RegistrationFactory(edition=open_edition)
    mail_server.failure = smtplib.SMTPRecipientsRefused(
        {registration.email: (550, b"5.1.1 No such user")}
    )
    services.resend_link(registration=registration)
    run_tasks()
    email = Email.objects.get()
    assert (email.status, email.number_of_retries) == (STATUS.failed, 1)
    assert not deliveries().ready().exists()


def test_organizers_find_failed_messages_and_send_them_again_from_the_admin(
    client, admin_user, open_edition, mail_server, retries, run_tasks, mailoutbox, time_machine
):
    retries.EMAIL_MAX_ATTEMPTS = 1
    mail_server.failure = Outage("SMTP server unreachable")
    registration = RegistrationFactory(edition=open_edition)
    services.resend_link(registration=registration)
    run_tasks()
    email = Email.objects.get()
    client.force_login(admin_user)
    changelist = reverse("admin:post_office_email_changelist")
    listed = client.get(changelist, {"status__exact": STATUS.failed})
    assert registration.email in listed.content.decode()

    mail_server.failure = None
    response = client.post(
        changelist, {"action": "send_again", "_selected_action": [email.pk]}, follow=True
    )
    assert "1 email will be sent again in a moment." in response.content.decode()
    assert mailoutbox == []  # not from the admin's request
    run_tasks()
    assert [m.to for m in mailoutbox] == [[registration.email]]
    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.sent, 0)


def test_the_send_again_button_hands_the_message_to_a_worker(
    client, admin_user, open_edition, run_tasks, mailoutbox
):
    registration = RegistrationFactory(edition=open_edition)
    services.resend_link(registration=registration)
    run_tasks()
    email = Email.objects.get()
    client.force_login(admin_user)
    page = client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    resend = reverse("admin:resend", args=[email.pk])
    assert f'action="{resend}"' in page.content.decode()
    assert client.get(resend).status_code == 405

    response = client.post(resend, follow=True)
    assert "The email will be sent again in a moment." in response.content.decode()
    assert len(mailoutbox) == 1
    run_tasks()
    assert [m.to for m in mailoutbox] == [[registration.email]] * 2


def test_a_message_erased_before_its_turn_is_skipped(open_edition, run_tasks, mailoutbox):
    registration = RegistrationFactory(edition=open_edition)
    services.resend_link(registration=registration)
    services.delete_registration(registration=registration)
    run_tasks()
    assert mailoutbox == []


def test_rendered_text_is_not_run_through_the_template_engine_again(
    open_edition, send_mail, mailoutbox
):
    registration = RegistrationFactory(edition=open_edition, name="{% debug %}{{ settings }}")
    with send_mail():
        services.resend_link(registration=registration)
    assert "{% debug %}{{ settings }}" in mailoutbox[0].body
