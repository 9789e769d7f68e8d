"""Email goes through the persistent outbox: nothing is lost while the mail server is down."""

import pytest
from django.core.management import call_command
from post_office.models import STATUS, Email

from attendees import services
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


class Outage(Exception):
    pass


def test_a_change_and_its_email_are_stored_together(open_edition):
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    email = Email.objects.get()
    assert email.to == [registration.email]
    assert email.status == STATUS.queued


# Committed for real: the queue worker closes its database connection when done.
@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_is_kept_and_retried_by_the_queue(
    open_edition, mailoutbox, monkeypatch, time_machine
):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages

    def broken(self, messages):
        raise Outage("SMTP server unreachable")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert mailoutbox == []
    assert email.logs.filter(status=STATUS.failed).exists()

    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    time_machine.move_to(email.scheduled_time, tick=False)
    call_command("send_queued_mail", processes=1, log_level=0)
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [m.to for m in mailoutbox] == [[registration.email]]


def test_rendered_text_is_not_run_through_the_template_engine_again(
    open_edition, send_mail, mailoutbox
):
    registration = RegistrationFactory(edition=open_edition, name="{% debug %}{{ settings }}")
    with send_mail():
        services.resend_link(registration=registration)
    assert "{% debug %}{{ settings }}" in mailoutbox[0].body
