"""Every status change, its email, and the rules about places and the waitlist."""

import datetime

import pytest
from django.utils import timezone

from attendees import services
from attendees.models import Registration
from tests.factories import (
    EditionFactory,
    OpenEditionFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SubForumFactory,
)

Status = Registration.Status
pytestmark = pytest.mark.django_db


def details(**overrides):
    return {
        "name": "Ada Lovelace",
        "name_original": "",
        "email": "Ada@Example.org",
        "organization": "Analytical Engines Ltd",
        "organization_type": Registration.OrganizationType.ENTERPRISE,
        "position": "Programmer",
        "country": "GB",
        "category": Registration.Category.INDUSTRY,
        "mode": Registration.Mode.ON_SITE,
        "needs_visa_letter": False,
        "dietary_needs": "",
        "accessibility_needs": "",
        "public_listing_consent": False,
        **overrides,
    }


def register(edition, *, sub_forums=(), language="en", **overrides):
    return services.register(
        edition=edition, details=details(**overrides), sub_forums=sub_forums, language=language
    )


def test_registering_creates_an_unconfirmed_registration_and_emails_the_link(
    open_edition, send_mail, mailoutbox
):
    with send_mail():
        registration, created = register(open_edition)
    assert created
    assert registration.status == Status.UNCONFIRMED
    assert registration.email == "ada@example.org"
    assert registration.privacy_consent_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@example.org"]
    assert "confirm" in message.subject.lower()
    assert f"/{open_edition.year}/confirm/" in message.body
    assert f"/{open_edition.year}/confirm/" in message.alternatives[0][0]


def test_registering_again_with_the_same_email_resends_the_link_instead_of_duplicating(
    open_edition, send_mail, mailoutbox
):
    first, _ = register(open_edition)
    with send_mail():
        again, created = register(open_edition, email="ADA@example.org ", name="Someone Else")
    assert not created
    assert again.pk == first.pk
    assert Registration.objects.count() == 1
    assert again.name == "Ada Lovelace"  # a stranger cannot overwrite the details
    assert len(mailoutbox) == 1
    assert f"/{open_edition.year}/confirm/" in mailoutbox[0].body


def test_registering_again_once_confirmed_emails_the_personal_page_link(
    open_edition, send_mail, mailoutbox
):
    registration, _ = register(open_edition)
    services.confirm_email(registration=registration)
    with send_mail():
        register(open_edition)
    assert len(mailoutbox) == 1
    assert "already registered" in mailoutbox[0].body
    assert f"/{open_edition.year}/registration/" in mailoutbox[0].body


def test_a_cancelled_registration_does_not_block_registering_again(open_edition):
    registration, _ = register(open_edition)
    services.cancel(registration=registration)
    again, created = register(open_edition)
    assert created
    assert again.pk != registration.pk


def test_registration_outside_the_window_is_refused():
    edition = EditionFactory()  # no registration window
    with pytest.raises(services.RegistrationError, match="closed"):
        register(edition)
    assert not Registration.objects.exists()


def test_online_only_edition_refuses_on_site_registration(db):
    edition = OpenEditionFactory(mode="online")
    with pytest.raises(services.RegistrationError):
        register(edition, mode=Registration.Mode.ON_SITE)


def test_sub_forums_of_another_edition_are_refused(open_edition):
    other = SubForumFactory()
    with pytest.raises(services.RegistrationError):
        register(open_edition, sub_forums=[other])


def test_passport_data_is_not_stored_without_a_visa_letter(open_edition):
    registration, _ = register(
        open_edition,
        needs_visa_letter=False,
        nationality="FR",
        passport_number="X123",
        date_of_birth=datetime.date(1990, 1, 1),
    )
    registration.refresh_from_db()
    assert (registration.nationality, registration.passport_number) == ("", "")
    assert registration.date_of_birth is None


def test_passport_data_is_stored_with_a_visa_letter(open_edition):
    registration, _ = register(
        open_edition,
        needs_visa_letter=True,
        nationality="FR",
        passport_number="X123",
        date_of_birth=datetime.date(1990, 1, 1),
    )
    registration.refresh_from_db()
    assert registration.passport_number == "X123"


def test_confirming_gives_a_place_and_emails_the_ticket(open_edition, send_mail, mailoutbox):
    registration = RegistrationFactory(edition=open_edition)
    with send_mail():
        registration = services.confirm_email(registration=registration)
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert registration.email_confirmed_at is not None
    assert len(mailoutbox) == 1
    assert "registered" in mailoutbox[0].subject
    assert "ticket.png" in mailoutbox[0].body


def test_confirming_twice_changes_nothing(open_edition, send_mail, mailoutbox):
    registration = services.confirm_email(registration=RegistrationFactory(edition=open_edition))
    with send_mail():
        again = services.confirm_email(registration=registration)
    assert again.status == Status.CONFIRMED
    assert again.confirmed_at == registration.confirmed_at
    assert mailoutbox == []


def test_confirming_when_full_puts_on_the_waitlist_with_an_email(
    small_edition, confirmed, send_mail, mailoutbox
):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    with send_mail():
        third = confirmed(edition=small_edition)
    assert third.status == Status.WAITLISTED
    assert third.waitlist_position() == 1
    assert len(mailoutbox) == 1
    assert "waitlist" in mailoutbox[0].subject
    assert "position 1" in mailoutbox[0].body


def test_waitlist_positions_follow_the_order_of_confirmation(small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = [confirmed(edition=small_edition) for _ in range(3)]
    assert [r.waitlist_position() for r in waiting] == [1, 2, 3]


def test_online_attendees_are_not_limited_by_on_site_seats(small_edition, confirmed):
    for _ in range(2):
        confirmed(edition=small_edition)
    online = confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    assert online.status == Status.CONFIRMED


def test_online_capacity_when_set_sends_online_attendees_to_their_own_waitlist(
    small_edition, confirmed
):
    RegistrationSettingsFactory(edition=small_edition, online_capacity=1)
    confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    second = confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    on_site = confirmed(edition=small_edition)
    assert second.status == Status.WAITLISTED
    assert on_site.status == Status.CONFIRMED


def test_a_full_sub_forum_sends_its_attendee_to_the_waitlist(open_edition, confirmed):
    full = SubForumFactory(edition=open_edition, capacity=1)
    confirmed(edition=open_edition, sub_forums=[full])
    second = confirmed(edition=open_edition, sub_forums=[full])
    elsewhere = confirmed(edition=open_edition)
    assert second.status == Status.WAITLISTED
    assert elsewhere.status == Status.CONFIRMED


def test_cancelling_a_place_promotes_the_first_waitlisted_with_emails(
    small_edition, confirmed, send_mail, mailoutbox
):
    leaving = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    first_waiting = confirmed(edition=small_edition)
    second_waiting = confirmed(edition=small_edition)
    with send_mail():
        cancelled = services.cancel(registration=leaving)
    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancelled_at is not None
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED
    assert second_waiting.status == Status.WAITLISTED
    assert second_waiting.waitlist_position() == 1
    assert {m.to[0]: m.subject for m in mailoutbox} == {
        leaving.email: f"Your registration for ICIE {small_edition.year} is cancelled",
        first_waiting.email: f"A place is now yours at ICIE {small_edition.year}",
    }


def test_promotion_passes_over_someone_whose_sub_forum_is_still_full(small_edition, confirmed):
    full = SubForumFactory(edition=small_edition, capacity=1)
    confirmed(edition=small_edition, sub_forums=[full])
    leaving = confirmed(edition=small_edition)
    needs_full_one = confirmed(edition=small_edition, sub_forums=[full])
    fits = confirmed(edition=small_edition)
    services.cancel(registration=leaving)
    needs_full_one.refresh_from_db()
    fits.refresh_from_db()
    assert needs_full_one.status == Status.WAITLISTED
    assert fits.status == Status.CONFIRMED


def test_cancelling_a_waitlisted_registration_promotes_nobody(small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    first = confirmed(edition=small_edition)
    second = confirmed(edition=small_edition)
    services.cancel(registration=first)
    second.refresh_from_db()
    assert second.status == Status.WAITLISTED
    assert second.waitlist_position() == 1


def test_raising_the_edition_capacity_promotes_the_waitlist(
    small_edition, confirmed, send_mail, mailoutbox
):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = [confirmed(edition=small_edition) for _ in range(3)]
    with send_mail():
        small_edition.on_site_capacity = 4
        small_edition.save()
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in waiting[:2])


def test_raising_a_sub_forum_capacity_promotes_its_waitlist(open_edition, confirmed, send_mail):
    sub_forum = SubForumFactory(edition=open_edition, capacity=1)
    confirmed(edition=open_edition, sub_forums=[sub_forum])
    waiting = confirmed(edition=open_edition, sub_forums=[sub_forum])
    with send_mail():
        sub_forum.capacity = 2
        sub_forum.save()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_raising_the_online_capacity_promotes_online_waitlist(open_edition, confirmed, send_mail):
    settings = RegistrationSettingsFactory(edition=open_edition, online_capacity=0)
    waiting = confirmed(edition=open_edition, mode=Registration.Mode.ONLINE)
    assert waiting.status == Status.WAITLISTED
    with send_mail():
        settings.online_capacity = None
        settings.save()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_promote_waitlist_can_be_called_directly(small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    type(small_edition).objects.filter(pk=small_edition.pk).update(on_site_capacity=3)
    promoted = services.promote_waitlist(edition=small_edition)
    assert [r.pk for r in promoted] == [waiting.pk]


def test_with_approval_a_confirmed_registration_waits_for_the_organizers(
    approval_edition, confirmed, send_mail, mailoutbox
):
    with send_mail():
        registration = confirmed(edition=approval_edition)
    assert registration.status == Status.PENDING_APPROVAL
    assert "awaits approval" in mailoutbox[0].subject


def test_approving_gives_a_place_with_an_email(
    approval_edition, confirmed, organizer, send_mail, mailoutbox
):
    registration = confirmed(edition=approval_edition)
    with send_mail():
        registration = services.approve(registration=registration, by=organizer)
    assert registration.status == Status.APPROVED
    assert registration.reviewed_by == organizer
    assert "approved" in mailoutbox[0].subject
    assert "ticket.png" in mailoutbox[0].body


def test_approving_when_full_waitlists_and_promotion_keeps_the_approval(
    approval_edition, confirmed, organizer
):
    Edition = type(approval_edition)
    Edition.objects.filter(pk=approval_edition.pk).update(on_site_capacity=1)
    first = services.approve(registration=confirmed(edition=approval_edition), by=organizer)
    second = services.approve(registration=confirmed(edition=approval_edition), by=organizer)
    assert second.status == Status.WAITLISTED
    services.cancel(registration=first)
    second.refresh_from_db()
    assert second.status == Status.APPROVED


def test_rejecting_with_an_email(approval_edition, confirmed, organizer, send_mail, mailoutbox):
    registration = confirmed(edition=approval_edition)
    with send_mail():
        registration = services.reject(registration=registration, by=organizer)
    assert registration.status == Status.REJECTED
    assert registration.rejected_at is not None
    assert "could not accept" in mailoutbox[0].body


def test_only_pending_registrations_can_be_approved_or_rejected(open_edition, organizer):
    registration = RegistrationFactory(edition=open_edition)
    with pytest.raises(services.RegistrationError):
        services.approve(registration=registration, by=organizer)
    with pytest.raises(services.RegistrationError):
        services.reject(registration=registration, by=organizer)


def test_cancelling_twice_is_harmless(open_edition, send_mail, mailoutbox):
    registration = RegistrationFactory(edition=open_edition)
    services.cancel(registration=registration)
    with send_mail():
        services.cancel(registration=registration)
    assert mailoutbox == []


def test_switching_to_online_frees_the_seat_for_the_waitlist(small_edition, confirmed):
    switching = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    switched = services.switch_mode(registration=switching, mode=Registration.Mode.ONLINE)
    waiting.refresh_from_db()
    assert switched.mode == Registration.Mode.ONLINE
    assert switched.status == Status.CONFIRMED
    assert waiting.status == Status.CONFIRMED


def test_switching_to_a_full_mode_is_refused_and_keeps_the_place(small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    online = confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    with pytest.raises(services.RegistrationError, match="on-site seats"):
        services.switch_mode(registration=online, mode=Registration.Mode.ON_SITE)
    online.refresh_from_db()
    assert (online.mode, online.status) == (Registration.Mode.ONLINE, Status.CONFIRMED)


def test_a_waitlisted_attendee_switching_to_online_gets_a_place_at_once(
    small_edition, confirmed, send_mail, mailoutbox
):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    with send_mail():
        switched = services.switch_mode(registration=waiting, mode=Registration.Mode.ONLINE)
    assert switched.status == Status.CONFIRMED
    assert "A place is now yours" in mailoutbox[0].subject


def test_choosing_a_full_sub_forum_is_refused_for_a_seated_attendee(open_edition, confirmed):
    full = SubForumFactory(edition=open_edition, capacity=1)
    confirmed(edition=open_edition, sub_forums=[full])
    seated = confirmed(edition=open_edition)
    with pytest.raises(services.RegistrationError, match="sub-forum"):
        services.change_sub_forums(registration=seated, sub_forums=[full])
    assert list(seated.sub_forums.all()) == []


def test_leaving_a_full_sub_forum_promotes_who_waits_for_it(open_edition, confirmed):
    full = SubForumFactory(edition=open_edition, capacity=1)
    leaving = confirmed(edition=open_edition, sub_forums=[full])
    waiting = confirmed(edition=open_edition, sub_forums=[full])
    services.change_sub_forums(registration=leaving, sub_forums=[])
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_updating_details_clears_passport_data_when_no_letter_is_needed(open_edition):
    registration = RegistrationFactory(
        edition=open_edition,
        needs_visa_letter=True,
        nationality="FR",
        passport_number="X1",
        date_of_birth=datetime.date(1980, 5, 1),
    )
    updated = services.update_details(
        registration=registration, details={"needs_visa_letter": False, "position": "Dean"}
    )
    assert updated.position == "Dean"
    assert (updated.passport_number, updated.date_of_birth) == ("", None)


def test_deleting_a_registration_frees_its_place_and_erases_its_outbox_messages(
    small_edition, confirmed
):
    from post_office.models import Email

    leaving = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    assert Email.objects.filter(to=leaving.email).exists()
    services.delete_registration(registration=leaving)
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    assert not Email.objects.filter(to=leaving.email).exists()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_deleting_keeps_the_messages_about_a_later_registration_of_the_same_address(
    open_edition, confirmed, time_machine
):
    from post_office.models import Email

    time_machine.move_to(timezone.now() - datetime.timedelta(days=400), tick=False)
    earlier = confirmed(edition=EditionFactory(), email="same@example.org")
    time_machine.move_to(timezone.now() + datetime.timedelta(days=390), tick=False)
    later = confirmed(edition=open_edition, email="same@example.org")
    about_later = set(Email.objects.filter(created__gte=later.created_at))

    services.delete_registration(registration=earlier)

    assert set(Email.objects.filter(to="same@example.org")) == about_later != set()


def test_check_in_records_time_and_staff_once(open_edition, confirmed, staff):
    registration = confirmed(edition=open_edition)
    first = services.check_in(registration=registration, by=staff)
    assert not first.is_repeat
    assert first.registration.checked_in_at is not None
    assert first.registration.checked_in_by == staff
    second = services.check_in(registration=registration, by=staff)
    assert second.is_repeat
    assert second.first_checked_in_at == first.registration.checked_in_at


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"mode": Registration.Mode.ONLINE}, "online"),
        ({"status": Status.WAITLISTED, "waitlisted_at": timezone.now()}, "waitlist"),
        ({"status": Status.CANCELLED}, "cancelled"),
        ({}, "not confirmed"),
    ],
)
def test_check_in_is_refused_without_a_ticket(open_edition, staff, kwargs, reason):
    if kwargs.get("mode"):
        registration = services.confirm_email(
            registration=RegistrationFactory(edition=open_edition, **kwargs)
        )
    else:
        registration = RegistrationFactory(edition=open_edition, **kwargs)
    with pytest.raises(services.RegistrationError, match=reason):
        services.check_in(registration=registration, by=staff)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_checked_in_attendee_cannot_be_cancelled(open_edition, confirmed, staff):
    registration = confirmed(edition=open_edition)
    services.check_in(registration=registration, by=staff)
    with pytest.raises(services.RegistrationError, match="checked in"):
        services.cancel(registration=registration)


def test_emails_are_written_in_the_attendees_language(open_edition, send_mail, mailoutbox):
    with send_mail():
        register(open_edition, language="zh-hans")
    assert f"/zh-hans/{open_edition.year}/confirm/" in mailoutbox[0].body


def test_revoking_links_emails_a_new_one(open_edition, confirmed, send_mail, mailoutbox):
    registration = confirmed(edition=open_edition)
    old_secret = registration.access_secret
    with send_mail():
        services.revoke_links(registration=registration)
    assert registration.access_secret != old_secret
    assert f"/{open_edition.year}/registration/" in mailoutbox[0].body


# --- what may be done now: the *_refusal functions and the services agree ------------------------


@pytest.fixture
def arrived(open_edition, confirmed, staff):
    registration = confirmed(edition=open_edition, name="Ada Arrived")
    return services.check_in(registration=registration, by=staff).registration


def test_before_check_in_everything_is_allowed(open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    assert services.change_refusal(registration) is None
    assert services.switch_mode_refusal(registration) is None
    assert services.sub_forums_refusal(registration) is None
    assert services.cancel_refusal(registration) is None
    assert services.locked_details(registration) == {}


@pytest.mark.parametrize(
    ("refusal", "change"),
    [
        (
            lambda r: services.switch_mode_refusal(r),
            lambda r: services.switch_mode(registration=r, mode=Registration.Mode.ONLINE),
        ),
        (
            lambda r: services.sub_forums_refusal(r),
            lambda r: services.change_sub_forums(registration=r, sub_forums=[]),
        ),
        (
            lambda r: services.cancel_refusal(r),
            lambda r: services.cancel(registration=r),
        ),
        (
            lambda r: services.details_refusal(r, {"organization": "Elsewhere"}),
            lambda r: services.update_details(
                registration=r, details={"organization": "Elsewhere"}
            ),
        ),
    ],
)
def test_after_check_in_the_service_refuses_with_the_reason_the_page_shows(
    arrived, refusal, change
):
    reason = refusal(arrived)
    before = Registration.objects.filter(pk=arrived.pk).values().get()

    with pytest.raises(services.RegistrationError) as error:
        change(arrived)

    assert reason and error.value.message == reason
    assert Registration.objects.filter(pk=arrived.pk).values().get() == before


def test_after_check_in_the_badge_is_locked_and_the_rest_is_the_attendees(arrived):
    assert set(services.locked_details(arrived)) == {
        "name",
        "name_original",
        "organization",
        "country",
        "category",
    }
    assert services.change_refusal(arrived) is None

    services.update_details(
        registration=arrived,
        details={"name": "Ada Arrived", "dietary_needs": "halal", "public_listing_consent": True},
    )

    arrived.refresh_from_db()
    assert arrived.dietary_needs == "halal" and arrived.public_listing_consent


def test_online_presence_locks_what_the_certificate_prints(open_edition, confirmed):
    registration = confirmed(edition=open_edition, mode=Registration.Mode.ONLINE)
    services.record_online_presence(registration=registration)

    assert set(services.locked_details(registration)) == {"name", "name_original"}
    assert services.switch_mode_refusal(registration) is not None
    assert services.cancel_refusal(registration) is not None


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.REJECTED])
def test_a_closed_registration_refuses_every_change(open_edition, status):
    registration = RegistrationFactory(edition=open_edition, status=status)
    reason = "This registration can no longer be changed."

    assert services.change_refusal(registration) == reason
    assert services.switch_mode_refusal(registration) == reason
    assert services.sub_forums_refusal(registration) == reason
    assert services.details_refusal(registration, {"name": "X"}) == reason
    assert services.cancel_refusal(registration) is not None
    with pytest.raises(services.RegistrationError, match=reason):
        services.update_details(registration=registration, details={"name": "X"})


def test_cancelling_twice_stays_harmless_for_the_service(open_edition, confirmed):
    registration = services.cancel(registration=confirmed(edition=open_edition))
    assert services.cancel_refusal(registration) == "This registration was cancelled already."
    assert services.cancel(registration=registration).status == Status.CANCELLED


def test_an_edition_with_one_way_to_take_part_refuses_the_other(confirmed):
    edition = OpenEditionFactory(mode="online")
    registration = confirmed(edition=edition, mode=Registration.Mode.ONLINE)

    assert "one way to take part only" in services.switch_mode_refusal(registration)
    assert services.switch_mode_refusal(registration, Registration.Mode.ONLINE) is None
    with pytest.raises(services.RegistrationError, match="one way to take part only"):
        services.switch_mode(registration=registration, mode=Registration.Mode.ON_SITE)
