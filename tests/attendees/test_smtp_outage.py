"""A real SMTP server goes down: registrations go on, their email waits in the outbox, and every
message arrives exactly once after the server comes back.

The server is aiosmtpd on a free loopback port, reached through Django's SMTP backend exactly as
in production (``EMAIL_URL=smtp://...``); django-post-office's queue worker
(`send_queued_mail`) does the retries. The outage is either a server that is not running
(connection refused) or one that answers every recipient with 451 ("try again later").
"""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from attendees.emails import deliver
from attendees.models import Registration

# Committed for real: delivery happens after commit, and the queue worker closes its connection.
# A drill: a real SMTP server in a thread, stopped and started (left out of `make test-fast`).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drill]

PEOPLE = ["ada@example.org", "grace@example.org", "katherine@example.org"]


class Sink:
    """Keeps every message it accepts; while ``refusing``, answers each recipient with 451."""

    def __init__(self):
        self.refusing = False
        self.received: list[tuple[tuple[str, ...], str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "451 4.3.2 Mail server busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((tuple(envelope.rcpt_tos), str(message["Subject"])))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server on a fixed loopback port that can be started and stopped."""

    def __init__(self, port: int):
        self.sink = Sink()
        self.port = port
        self._controller = None

    def start(self):
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def send_queued_mail(tmp_path):
    """The scheduled queue worker, with its own lock file (others may run it on this machine)."""

    def run():
        call_command("send_queued_mail", processes=1, lockfile=str(tmp_path / "post_office"))

    return run


def register(client, edition, address):
    response = client.post(
        reverse("attendees:register", kwargs={"year": edition.year}),
        {
            "name": address.split("@")[0].title(),
            "email": address,
            "organization": "Northeastern University",
            "organization_type": "university",
            "country": "CN",
            "category": "expert",
            "mode": "on_site",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith("/register/check-your-email/")


def outbox():
    return list(Email.objects.order_by("pk"))


@pytest.mark.parametrize("outage", ["stopped", "refusing"])
def test_email_of_registrations_during_an_smtp_outage_arrives_exactly_once_afterwards(
    client, open_edition, smtp_server, send_queued_mail, time_machine, outage
):
    sink = smtp_server.sink
    if outage == "refusing":
        sink.refusing = True
        smtp_server.start()

    # The outage does not stop anyone from registering; each message is kept for a retry.
    for address in PEOPLE:
        register(client, open_edition, address)
    assert Registration.objects.count() == len(PEOPLE)
    queued = outbox()
    assert sorted(m.to[0] for m in queued) == sorted(PEOPLE)
    assert {m.status for m in queued} == {STATUS.requeued}
    assert all(m.logs.filter(status=STATUS.failed).exists() for m in queued)
    assert sink.received == []

    # The queue worker's turn comes while the server is still down: still kept, retry counted.
    time_machine.move_to(max(m.scheduled_time for m in queued), tick=False)
    send_queued_mail()
    still_queued = outbox()
    assert {m.status for m in still_queued} == {STATUS.requeued}
    assert {m.number_of_retries for m in still_queued} == {1}
    assert all(m.scheduled_time > timezone.now() for m in still_queued)
    assert sink.received == []

    # The server is back: the next run delivers each message once.
    if outage == "refusing":
        sink.refusing = False
    else:
        smtp_server.start()
    time_machine.move_to(max(m.scheduled_time for m in still_queued), tick=False)
    send_queued_mail()
    edition_name = open_edition.short_title or open_edition.title
    subject = f"Please confirm your registration for {edition_name}"
    assert sorted(sink.received) == sorted(((address,), subject) for address in PEOPLE)
    assert {m.status for m in outbox()} == {STATUS.sent}

    # Nothing is sent twice: neither by a later run nor by a late after-commit delivery.
    time_machine.shift(datetime.timedelta(days=1))
    send_queued_mail()
    for message in outbox():
        deliver(message.pk)
    assert len(sink.received) == len(PEOPLE)
