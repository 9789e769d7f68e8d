"""``manage.py send_reminders``: a reminder before the conference to each attendee with a place."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from attendees import links, services
from attendees.models import Registration
from tests.factories import SHANGHAI, RegistrationFactory, SubForumFactory

Status = Registration.Status
Mode = Registration.Mode
pytestmark = pytest.mark.django_db


def holding(edition, *, status=Status.CONFIRMED, **kwargs):
    """A registration that holds a place (confirmed unless told otherwise)."""
    return RegistrationFactory(
        edition=edition, status=status, confirmed_at=timezone.now(), **kwargs
    )


@pytest.fixture
def days_before_start(open_edition, time_machine):
    """Travel to a day before ``open_edition`` starts (9:00 in Shanghai, its time zone)."""

    def travel(days: int):
        day = open_edition.start_date - datetime.timedelta(days=days)
        time_machine.move_to(datetime.datetime.combine(day, datetime.time(9), SHANGHAI), tick=False)

    return travel


def remind(edition, *args) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--edition", str(edition.year), *args, stdout=out)
    return out.getvalue()


def test_every_attendee_holding_a_place_is_reminded_and_no_one_else(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(2)
    confirmed = holding(open_edition)
    approved = holding(open_edition, status=Status.APPROVED, approved_at=timezone.now())
    RegistrationFactory(edition=open_edition)  # unconfirmed
    RegistrationFactory(edition=open_edition, status=Status.PENDING_APPROVAL)
    RegistrationFactory(
        edition=open_edition, status=Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    RegistrationFactory(edition=open_edition, status=Status.CANCELLED)
    RegistrationFactory(edition=open_edition, status=Status.REJECTED)

    with send_mail():
        output = remind(open_edition)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.email, approved.email])
    assert "Reminded 2 attendees" in output
    assert Registration.objects.exclude(reminder_sent_at=None).count() == 2


def test_running_again_sends_no_second_reminder(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(3)
    registration = holding(open_edition)
    with send_mail():
        remind(open_edition)
    registration.refresh_from_db()
    first_sent_at = registration.reminder_sent_at

    days_before_start(1)
    with send_mail():
        output = remind(open_edition)

    assert len(mailoutbox) == 1
    assert "Reminded 0 attendees" in output
    registration.refresh_from_db()
    assert registration.reminder_sent_at == first_sent_at


def test_someone_promoted_after_the_first_run_is_reminded_on_the_next(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(3)
    holding(open_edition)
    waiting = RegistrationFactory(
        edition=open_edition, status=Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    remind(open_edition)
    Registration.objects.filter(pk=waiting.pk).update(
        status=Status.CONFIRMED, confirmed_at=timezone.now()
    )

    days_before_start(2)
    with send_mail():
        remind(open_edition)

    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_the_reminder_has_dates_venue_mode_sub_forums_ticket_and_personal_link(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(2)
    sub_forum = SubForumFactory(edition=open_edition, title_en="Metallurgy")
    registration = holding(open_edition, name="Chen Jing", sub_forums=[sub_forum])

    with send_mail():
        remind(open_edition)

    message = mailoutbox[0]
    assert message.subject == f"See you soon at {open_edition.short_title}"
    assert "Dear Chen Jing" in message.body
    assert "Nov. 22" in message.body and "Nov. 23" in message.body
    assert "Northeastern University, Shenyang" in message.body
    assert "Participation: On-site" in message.body
    assert "Sub-forums: Metallurgy" in message.body
    assert links.manage_url(registration) in message.body
    assert links.manage_url(registration, "attendees:ticket_png") in message.body
    assert f"/{open_edition.year}/program/" in message.body
    html = message.alternatives[0].content
    assert "Metallurgy" in html and links.manage_url(registration) in html


def test_online_attendees_are_pointed_to_their_page_not_given_the_meeting_links(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(2)
    sub_forum = SubForumFactory(
        edition=open_edition, online_meeting_url="https://meeting.example.org/secret-room"
    )
    registration = holding(open_edition, mode=Mode.ONLINE, sub_forums=[sub_forum])

    with send_mail():
        remind(open_edition)

    message = mailoutbox[0]
    assert "Participation: Online" in message.body
    assert "links to join the meetings and livestreams are on your personal page" in message.body
    assert links.manage_url(registration) in message.body
    assert "secret-room" not in message.body
    assert "secret-room" not in message.alternatives[0].content
    assert "ticket.png" not in message.body


def test_the_reminder_is_in_the_attendees_language(
    open_edition, days_before_start, send_mail, mailoutbox
):
    days_before_start(2)
    sub_forum = SubForumFactory(edition=open_edition, title_zh_hans="冶金分论坛")
    registration = holding(open_edition, language="zh-hans", sub_forums=[sub_forum])

    with send_mail():
        remind(open_edition)

    body = mailoutbox[0].body
    assert "东北大学" in body and "冶金分论坛" in body
    assert f"/zh-hans/{open_edition.year}/registration/" in body
    assert links.manage_url(registration) in body


@pytest.mark.parametrize(("days", "expected"), [(4, "Too early"), (-1, "has begun or ended")])
def test_nothing_is_sent_outside_the_days_before_the_start(
    open_edition, days_before_start, mailoutbox, days, expected
):
    days_before_start(days)
    holding(open_edition)

    output = remind(open_edition, "--days-before", "3")

    assert expected in output
    assert not Registration.objects.exclude(reminder_sent_at=None).exists()


def test_the_first_day_itself_still_sends(open_edition, days_before_start, send_mail, mailoutbox):
    days_before_start(0)
    holding(open_edition)
    with send_mail():
        remind(open_edition, "--days-before", "0")
    assert len(mailoutbox) == 1


def test_dry_run_counts_and_sends_nothing(open_edition, days_before_start, send_mail, mailoutbox):
    days_before_start(1)
    holding(open_edition)
    holding(open_edition)

    with send_mail():
        output = remind(open_edition, "--dry-run")

    assert "2 attendees" in output and "would be reminded" in output
    assert mailoutbox == []
    assert not Registration.objects.exclude(reminder_sent_at=None).exists()


def test_an_unknown_edition_is_an_error(db):
    with pytest.raises(CommandError, match="no edition 1999"):
        call_command("send_reminders", "--edition", "1999")


def test_the_service_refuses_a_registration_without_a_place(open_edition, mailoutbox):
    cancelled = RegistrationFactory(edition=open_edition, status=Status.CANCELLED)

    assert services.send_reminder(registration=cancelled) is False

    cancelled.refresh_from_db()
    assert cancelled.reminder_sent_at is None


def test_a_negative_number_of_days_is_an_error(open_edition):
    with pytest.raises(CommandError, match="cannot be negative"):
        remind(open_edition, "--days-before", "-1")
