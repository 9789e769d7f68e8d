"""The attendee's personal page: status, ticket, online links, changes, cancel, data, delete."""

import datetime
import json

import pytest
from django.utils import timezone

from attendees import links, services
from attendees.models import Registration
from events.models import Mode, Session
from tests.factories import (
    OpenEditionFactory,
    RegistrationFactory,
    SessionFactory,
    SubForumFactory,
)

Status = Registration.Status
pytestmark = pytest.mark.django_db

MEETING_URL = "https://meeting.example.org/secret-room"
STREAM_URL = "https://live.example.org/attendees-only"


def page(client, registration, name="attendees:manage"):
    return client.get(links.manage_path(registration, name))


def post(client, registration, name, data=None):
    return client.post(links.manage_path(registration, name), data or {})


@pytest.fixture
def online_material(open_edition):
    """A sub-forum with a meeting link and a session streamed to registered attendees only."""
    sub_forum = SubForumFactory(edition=open_edition, online_meeting_url=MEETING_URL)
    SessionFactory(
        edition=open_edition,
        sub_forum=sub_forum,
        livestream_url=STREAM_URL,
        link_visibility=Session.Visibility.ATTENDEES,
    )
    return sub_forum


def test_the_page_shows_the_status_and_details(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition, name="Chen Jing", organization="NEU")
    response = page(client, registration)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chen Jing" in content and "NEU" in content
    assert "Confirmed" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_tampered_personal_link_gives_a_friendly_400(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    token = links.manage_token(registration)
    response = client.get(f"/{open_edition.year}/registration/{token[:-1]}x/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_revoked_links_stop_working(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    old = links.manage_path(registration)
    services.revoke_links(registration=registration)
    assert client.get(old).status_code == 400
    assert page(client, registration).status_code == 200


def test_a_waitlisted_attendee_sees_their_position(client, small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    content = page(client, waiting).content.decode()
    assert "You are number 2 on the waitlist" in content
    assert "ticket__qr" not in content


def test_a_confirmed_on_site_attendee_sees_the_ticket(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    content = page(client, registration).content.decode()
    assert '<img src="data:image/svg+xml' in content
    assert registration.ticket_code[:4] in content
    png = page(client, registration, "attendees:ticket_png")
    assert png.status_code == 200
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # unconfirmed
        {"status": Status.WAITLISTED, "waitlisted_at": timezone.now()},
        {"status": Status.CONFIRMED, "mode": Registration.Mode.ONLINE},
        {"status": Status.CANCELLED},
    ],
)
def test_no_ticket_without_a_confirmed_on_site_place(client, open_edition, kwargs):
    registration = RegistrationFactory(edition=open_edition, **kwargs)
    assert "<svg" not in page(client, registration).content.decode()
    assert page(client, registration, "attendees:ticket_png").status_code == 404


def test_a_confirmed_online_attendee_gets_the_private_links(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(
        edition=open_edition, mode=Registration.Mode.ONLINE, sub_forums=[online_material]
    )
    content = page(client, registration).content.decode()
    assert "Join online" in content
    assert online_material.title in content
    assert "/join/meeting/" in content and "/join/livestream/" in content
    # The addresses themselves stay behind the personal link.
    assert MEETING_URL not in content


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mode": Registration.Mode.ON_SITE, "status": Status.CONFIRMED},
        {"mode": Registration.Mode.ONLINE},  # unconfirmed
        {"mode": Registration.Mode.ONLINE, "status": Status.PENDING_APPROVAL},
        {
            "mode": Registration.Mode.ONLINE,
            "status": Status.WAITLISTED,
            "waitlisted_at": timezone.now(),
        },
        {"mode": Registration.Mode.ONLINE, "status": Status.CANCELLED},
        {"mode": Registration.Mode.ONLINE, "status": Status.REJECTED},
    ],
)
def test_meeting_links_are_never_shown_to_anyone_else(
    client, open_edition, online_material, kwargs
):
    registration = RegistrationFactory(edition=open_edition, sub_forums=[online_material], **kwargs)
    content = page(client, registration).content.decode()
    assert "/join/" not in content
    assert MEETING_URL not in content and STREAM_URL not in content
    join = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert join.status_code == 404


def test_meeting_links_are_not_on_public_pages(client, open_edition, online_material):
    for url in (
        f"/{open_edition.year}/sub-forums/{online_material.slug}/",
        f"/{open_edition.year}/program/",
    ):
        content = client.get(url).content.decode()
        assert MEETING_URL not in content and STREAM_URL not in content


def test_opening_a_private_link_redirects_and_records_presence(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(
        edition=open_edition, mode=Registration.Mode.ONLINE, sub_forums=[online_material]
    )
    response = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == MEETING_URL
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by is None


def test_a_link_of_a_sub_forum_not_chosen_is_refused(
    client, open_edition, online_material, confirmed
):
    registration = confirmed(edition=open_edition, mode=Registration.Mode.ONLINE)
    response = client.get(
        links.manage_path(registration, "attendees:join", kind="meeting", pk=online_material.pk)
    )
    assert response.status_code == 404


def test_editing_details(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    response = post(
        client,
        registration,
        "attendees:update_details",
        {
            "name": "New Name",
            "organization": "New Org",
            "organization_type": "enterprise",
            "country": "DE",
            "category": "industry",
            "public_listing_consent": "on",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.country.code) == ("New Name", "DE")
    assert registration.public_listing_consent
    assert "Your details are saved." in client.get(response["Location"]).content.decode()


def test_invalid_details_are_explained_and_not_saved(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition, name="Old Name")
    response = post(
        client,
        registration,
        "attendees:update_details",
        {
            "name": "",
            "organization": "X",
            "organization_type": "enterprise",
            "country": "DE",
            "category": "industry",
            "needs_visa_letter": "on",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "This field is required." in content
    assert "Needed for the visa invitation letter." in content
    registration.refresh_from_db()
    assert registration.name == "Old Name"


def test_switching_mode(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    response = post(client, registration, "attendees:switch_mode", {"mode": "online"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.mode == Registration.Mode.ONLINE


def test_switching_to_a_full_mode_explains_why(client, small_edition, confirmed):
    confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    online = confirmed(edition=small_edition, mode=Registration.Mode.ONLINE)
    response = post(client, online, "attendees:switch_mode", {"mode": "on_site"})
    assert response.status_code == 409
    assert "All on-site seats are taken." in response.content.decode()
    online.refresh_from_db()
    assert online.mode == Registration.Mode.ONLINE


def test_choosing_sub_forums(client, open_edition, confirmed):
    chosen = SubForumFactory(edition=open_edition)
    registration = confirmed(edition=open_edition)
    post(client, registration, "attendees:change_sub_forums", {"sub_forums": [chosen.pk]})
    assert list(registration.sub_forums.all()) == [chosen]


def test_cancelling_asks_first_then_cancels_and_promotes(
    client, small_edition, confirmed, send_mail, mailoutbox
):
    leaving = confirmed(edition=small_edition)
    confirmed(edition=small_edition)
    waiting = confirmed(edition=small_edition)
    question = page(client, leaving, "attendees:cancel")
    assert question.status_code == 200
    assert "Cancel your registration?" in question.content.decode()
    assert post(client, leaving, "attendees:cancel").status_code == 400  # box not ticked
    with send_mail():
        response = post(client, leaving, "attendees:cancel", {"confirm": "on"})
    assert response.status_code == 302
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert {m.to[0] for m in mailoutbox} == {leaving.email, waiting.email}
    assert "This registration was cancelled" in client.get(response["Location"]).content.decode()


def test_downloading_own_data(client, open_edition, confirmed):
    sub_forum = SubForumFactory(edition=open_edition)
    registration = confirmed(
        edition=open_edition,
        sub_forums=[sub_forum],
        needs_visa_letter=True,
        nationality="FR",
        passport_number="P1",
        date_of_birth=datetime.date(1990, 1, 2),
    )
    response = page(client, registration, "attendees:download_data")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == registration.email
    # Masked, as on the page: the download is reached through the same personal link.
    assert data["passport_number"] == "•••••1"
    assert data["status"] == "confirmed"
    assert data["sub_forums"] == [{"slug": sub_forum.slug, "title": sub_forum.title}]


def test_deleting_asks_first_then_erases_everything(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)
    url = links.manage_path(registration)
    assert (
        "Delete your registration and your data?"
        in page(client, registration, "attendees:delete").content.decode()
    )
    response = post(client, registration, "attendees:delete", {"confirm": "on"})
    assert response.status_code == 200
    assert "Your registration is deleted" in response.content.decode()
    assert not Registration.objects.exists()
    assert client.get(url).status_code == 400


def test_changes_are_refused_after_cancellation(client, open_edition):
    registration = RegistrationFactory(edition=open_edition, status=Status.CANCELLED)
    content = page(client, registration).content.decode()
    assert "Change your details" not in content
    post(client, registration, "attendees:switch_mode", {"mode": "online"})
    registration.refresh_from_db()
    assert registration.mode == Registration.Mode.ON_SITE


# --- what the page offers is what the services accept ---------------------------------------------

BADGE_REASON = "Printed on your name badge. Since you have checked in"
CERTIFICATE_REASON = "Printed on your certificate of attendance."


def unchanged(registration):
    """The stored registration, to compare before and after a refused change."""
    fresh = Registration.objects.get(pk=registration.pk)
    return {
        **{f.attname: getattr(fresh, f.attname) for f in Registration._meta.concrete_fields},
        "sub_forums": set(fresh.sub_forums.values_list("pk", flat=True)),
    }


def field_tag(content: str, name: str) -> str:
    """The opening tag of the input named ``name``."""
    start = content.index(f'name="{name}"')
    return content[content.rindex("<", 0, start) : content.index(">", start)]


@pytest.fixture
def checked_in(open_edition, confirmed, staff):
    sub_forum = SubForumFactory(edition=open_edition)
    registration = confirmed(edition=open_edition, sub_forums=[sub_forum])
    return services.check_in(registration=registration, by=staff).registration


def test_after_check_in_the_page_offers_only_what_may_still_change(client, checked_in):
    content = page(client, checked_in).content.decode()

    assert "Cancel my registration" not in content
    assert "On-site or online" not in content
    assert 'action="' + links.manage_path(checked_in, "attendees:change_sub_forums") not in content
    assert "Change your details" in content
    for locked in ("name", "name_original", "organization", "country", "category"):
        assert "disabled" in field_tag(content, locked), locked
    for free in ("position", "dietary_needs", "public_listing_consent", "needs_visa_letter"):
        assert "disabled" not in field_tag(content, free), free
    assert BADGE_REASON in content


def test_after_check_in_a_change_of_what_the_badge_prints_is_refused(client, checked_in):
    before = unchanged(checked_in)
    # Sent by a page shown before check-in: the name field was not locked then.
    response = post(
        client,
        checked_in,
        "attendees:update_details",
        {
            "name": "Somebody Else",
            "organization_type": "enterprise",
            "category": "industry",
            "dietary_needs": "vegan",
        },
    )

    assert response.status_code == 409
    assert f"Name: {BADGE_REASON}" in response.content.decode()
    assert unchanged(checked_in) == before


def test_after_check_in_the_other_details_still_change(client, checked_in):
    response = post(
        client,
        checked_in,
        "attendees:update_details",
        {"organization_type": "enterprise", "dietary_needs": "vegan", "position": "Dean"},
    )

    assert response.status_code == 302
    checked_in.refresh_from_db()
    assert (checked_in.dietary_needs, checked_in.position) == ("vegan", "Dean")
    assert checked_in.organization_type == "enterprise"
    assert checked_in.category == Registration.Category.EXPERT  # locked, kept as it was


@pytest.mark.parametrize(
    ("action", "data", "reason"),
    [
        ("attendees:switch_mode", {"mode": "online"}, "the way you take part can no longer"),
        ("attendees:change_sub_forums", {"sub_forums": []}, "your sub-forums can no longer"),
        ("attendees:cancel", {"confirm": "on"}, "it can no longer be cancelled"),
    ],
)
def test_after_check_in_the_post_is_refused_with_the_reason(
    client, checked_in, action, data, reason
):
    before = unchanged(checked_in)

    response = post(client, checked_in, action, data)

    assert response.status_code == 409
    assert reason in response.content.decode()
    assert unchanged(checked_in) == before


def test_after_check_in_the_cancel_page_gives_the_reason(client, checked_in):
    response = page(client, checked_in, "attendees:cancel")
    assert response.status_code == 409
    assert "it can no longer be cancelled" in response.content.decode()
    assert "Cancel your registration?" not in response.content.decode()


def test_an_online_attendee_who_took_part_keeps_the_certificate_name(
    client, open_edition, confirmed
):
    registration = confirmed(edition=open_edition, mode=Registration.Mode.ONLINE)
    services.record_online_presence(registration=registration)

    content = page(client, registration).content.decode()
    refused = post(
        client,
        registration,
        "attendees:update_details",
        {"name": "Other Name", "organization": "Elsewhere", **DETAILS_REQUIRED},
    )
    saved = post(
        client,
        registration,
        "attendees:update_details",
        {"organization": "Elsewhere", **DETAILS_REQUIRED},
    )

    assert "disabled" in field_tag(content, "name")
    assert "disabled" not in field_tag(content, "organization")  # no badge online
    assert CERTIFICATE_REASON in content
    assert refused.status_code == 409 and CERTIFICATE_REASON in refused.content.decode()
    assert saved.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.organization) != ("Other Name", "Elsewhere")
    assert registration.organization == "Elsewhere"


DETAILS_REQUIRED = {"organization_type": "enterprise", "country": "DE", "category": "industry"}


@pytest.mark.parametrize(
    ("action", "data", "reason"),
    [
        (
            "attendees:update_details",
            {"name": "X", "organization": "Y", **DETAILS_REQUIRED},
            "This registration can no longer be changed.",
        ),
        (
            "attendees:switch_mode",
            {"mode": "online"},
            "This registration can no longer be changed.",
        ),
        (
            "attendees:change_sub_forums",
            {"sub_forums": []},
            "This registration can no longer be changed.",
        ),
        ("attendees:cancel", {"confirm": "on"}, "This registration was cancelled already."),
    ],
)
def test_a_cancelled_registration_refuses_every_change(client, open_edition, action, data, reason):
    registration = RegistrationFactory(edition=open_edition, status=Status.CANCELLED)
    before = unchanged(registration)
    content = page(client, registration).content.decode()

    response = post(client, registration, action, data)

    assert "Change your details" not in content and "Cancel my registration" not in content
    assert response.status_code == 409
    assert reason in response.content.decode()
    assert unchanged(registration) == before


def test_a_rejected_registration_cannot_be_cancelled(client, open_edition):
    registration = RegistrationFactory(edition=open_edition, status=Status.REJECTED)

    response = post(client, registration, "attendees:cancel", {"confirm": "on"})

    assert "Cancel my registration" not in page(client, registration).content.decode()
    assert response.status_code == 409
    assert "This registration can no longer be cancelled." in response.content.decode()


def test_an_edition_with_one_way_to_take_part_offers_no_switch(client, confirmed):
    edition = OpenEditionFactory(mode=Mode.ON_SITE)
    registration = confirmed(edition=edition)

    content = page(client, registration).content.decode()
    response = post(client, registration, "attendees:switch_mode", {"mode": "online"})

    assert "On-site or online" not in content
    assert response.status_code == 409
    assert "This edition offers one way to take part only: On-site." in response.content.decode()
    registration.refresh_from_db()
    assert registration.mode == Registration.Mode.ON_SITE


def test_an_unknown_mode_is_bad_input(client, open_edition, confirmed):
    registration = confirmed(edition=open_edition)

    response = post(client, registration, "attendees:switch_mode", {"mode": "teleported"})

    assert response.status_code == 400
    assert "Choose on-site or online." in response.content.decode()
