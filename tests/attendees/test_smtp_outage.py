"""A real SMTP server goes down: registrations go on, their email waits in the outbox, and every
message arrives exactly once, within a short delay, after the server comes back.

The server is aiosmtpd on a free loopback port, reached through Django's SMTP backend exactly as
in production (``EMAIL_URL=smtp://...``); the task queue's worker sends and retries. The outage
is a server that is not running (connection refused), one that answers every recipient with 451
("try again later"), or one that accepts connections and never says a word.
"""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from attendees.emails import deliver
from attendees.models import Registration

# Committed for real, as the requests and the worker's transactions are in production.
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


class SilentServer:
    """A port that accepts connections and never answers, as a hung mail server does.

    The kernel completes each connection on the listening socket; nobody ever reads or writes.
    """

    def __init__(self, port: int):
        self._socket = socket.create_server(("127.0.0.1", port), backlog=64)

    def stop(self):
        self._socket.close()


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


@pytest.fixture
def retry_after_5_seconds(settings, time_machine):
    settings.EMAIL_RETRY_FIRST_DELAY = datetime.timedelta(seconds=5)
    settings.EMAIL_RETRY_MAX_DELAY = datetime.timedelta(seconds=30)
    time_machine.move_to(timezone.now(), tick=False)


@pytest.mark.parametrize("outage", ["stopped", "refusing"])
def test_email_of_registrations_during_an_smtp_outage_arrives_exactly_once_afterwards(
    client, open_edition, smtp_server, run_tasks, retry_after_5_seconds, time_machine, outage
):
    sink = smtp_server.sink
    if outage == "refusing":
        sink.refusing = True
        smtp_server.start()

    # The outage does not stop anyone from registering; each message waits in the outbox.
    for address in PEOPLE:
        register(client, open_edition, address)
    assert Registration.objects.count() == len(PEOPLE)
    queued = outbox()
    assert sorted(m.to[0] for m in queued) == sorted(PEOPLE)
    assert {m.status for m in queued} == {STATUS.queued}

    # The worker tries while the server is down: each message is kept for a retry.
    run_tasks()
    failed_once = outbox()
    assert {m.status for m in failed_once} == {STATUS.requeued}
    assert {m.number_of_retries for m in failed_once} == {1}
    assert all(m.logs.filter(status=STATUS.failed).exists() for m in failed_once)
    assert sink.received == []

    # Its next turn comes 5 s later, the server still down: still kept, and the wait doubles.
    time_machine.shift(datetime.timedelta(seconds=5))
    run_tasks()
    still_queued = outbox()
    assert {m.status for m in still_queued} == {STATUS.requeued}
    assert {m.number_of_retries for m in still_queued} == {2}
    assert {m.scheduled_time - timezone.now() for m in still_queued} == {
        datetime.timedelta(seconds=10)
    }
    assert sink.received == []

    # The server is back: the next turn, 10 s later, delivers each message once.
    if outage == "refusing":
        sink.refusing = False
    else:
        smtp_server.start()
    time_machine.shift(datetime.timedelta(seconds=10))
    run_tasks()
    edition_name = open_edition.short_title or open_edition.title
    subject = f"Please confirm your registration for {edition_name}"
    assert sorted(sink.received) == sorted(((address,), subject) for address in PEOPLE)
    assert {m.status for m in outbox()} == {STATUS.sent}

    # Nothing is sent twice: neither by a later run nor by a late duplicate of a task.
    time_machine.shift(datetime.timedelta(days=1))
    run_tasks()
    for message in outbox():
        deliver(message.pk)
    assert len(sink.received) == len(PEOPLE)


def test_a_mail_server_that_never_answers_holds_up_no_request(
    client,
    open_edition,
    smtp_server,
    run_tasks,
    retry_after_5_seconds,
    time_machine,
    monkeypatch,
    settings,
):
    settings.EMAIL_TIMEOUT = 1
    silent = SilentServer(smtp_server.port)
    connections_opened = []
    real_create_connection = socket.create_connection

    def create_connection(address, *args, **kwargs):
        connections_opened.append(address)
        return real_create_connection(address, *args, **kwargs)

    # smtplib opens its connection with socket.create_connection, as every Python client does.
    monkeypatch.setattr(socket, "create_connection", create_connection)
    try:
        register(client, open_edition, PEOPLE[0])
        # The request stored the message and its task, and never went near the mail server.
        assert connections_opened == []
        (message,) = outbox()
        assert message.status == STATUS.queued

        # The worker waits for the server's greeting until EMAIL_TIMEOUT, then keeps the message.
        run_tasks()
        assert connections_opened == [("127.0.0.1", smtp_server.port)]
        (message,) = outbox()
        assert message.status == STATUS.requeued
        assert message.logs.get().exception_type in {"TimeoutError", "SMTPServerDisconnected"}
    finally:
        silent.stop()

    # The server answers again: the next turn, 5 s later, delivers the message.
    smtp_server.start()
    time_machine.shift(datetime.timedelta(seconds=5))
    run_tasks()
    assert [to for to, _subject in smtp_server.sink.received] == [(PEOPLE[0],)]
    assert outbox()[0].status == STATUS.sent
