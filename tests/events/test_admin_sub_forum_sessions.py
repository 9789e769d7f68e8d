"""Sessions edited on their sub-forum's page, and forms on the edition's clock with its year."""

import datetime

import pytest
from django.contrib.staticfiles import finders

from events.models import Session, SubForum
from tests.admin_forms import form_values, submit
from tests.factories import EditionFactory, RoomFactory, SessionFactory, SubForumFactory

pytestmark = pytest.mark.django_db


def test_sessions_are_added_on_the_sub_forum_page_without_picking_the_edition(client, organizer):
    edition = EditionFactory(year=2031, time_zone="Europe/Berlin")
    sub_forum = SubForumFactory(edition=edition)
    url = f"/admin/events/subforum/{sub_forum.pk}/change/"

    response = submit(
        client,
        url,
        "subforum_form",
        {
            "sessions-0-title_en": "Metallurgy today",
            "sessions-0-title_zh_hans": "今日冶金",
            "sessions-0-kind": "talk",
            "sessions-0-start_0": "2031-11-22",
            "sessions-0-start_1": "09:15",
            "sessions-0-end_0": "2031-11-22",
            "sessions-0-end_1": "10:00",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    session = Session.objects.get()
    assert session.edition == edition
    assert session.sub_forum == sub_forum
    # A new session starts in the sub-forum's room, at the time typed on the edition's clock.
    assert session.room == sub_forum.room
    assert session.start == datetime.datetime(2031, 11, 22, 8, 15, tzinfo=datetime.UTC)
    page = client.get(url).content.decode()
    assert 'name="sessions-0-start_1" value="09:15:00"' in page
    assert "time zone, Europe/Berlin." in page


def test_a_session_outside_the_edition_dates_is_refused_with_nothing_saved(client, organizer):
    edition = EditionFactory(year=2031)
    sub_forum = SubForumFactory(edition=edition)

    response = submit(
        client,
        f"/admin/events/subforum/{sub_forum.pk}/change/",
        "subforum_form",
        {
            "title_en": "Renamed",
            "sessions-0-title_en": "Too late",
            "sessions-0-start_0": "2031-12-30",
            "sessions-0-start_1": "09:00",
            "sessions-0-end_0": "2031-12-30",
            "sessions-0-end_1": "10:00",
        },
    )

    assert response.status_code == 200
    assert "within the edition" in response.content.decode()
    assert not Session.objects.exists()
    assert SubForum.objects.get().title_en != "Renamed"


def test_a_new_sub_forum_and_its_sessions_in_one_form(client, organizer):
    edition = EditionFactory(year=2031)
    room = RoomFactory(edition=edition)
    page = client.get(f"/admin/events/subforum/add/?edition={edition.pk}")
    # The add form comes with the edition already chosen.
    assert form_values(page.content.decode(), "subforum_form")["edition"] == str(edition.pk)

    response = submit(
        client,
        f"/admin/events/subforum/add/?edition={edition.pk}",
        "subforum_form",
        {
            "title_en": "Smart mining",
            "title_zh_hans": "智能采矿",
            "slug": "smart-mining",
            "room": room.pk,
            "sessions-0-title_en": "Opening talk",
            "sessions-0-start_0": "2031-11-23",
            "sessions-0-start_1": "14:00",
            "sessions-0-end_0": "2031-11-23",
            "sessions-0-end_1": "14:30",
        },
    )

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.edition, session.sub_forum.slug) == (edition, "smart-mining")


def test_existing_sessions_are_listed_in_time_order_and_editable(client, organizer):
    sub_forum = SubForumFactory(edition=EditionFactory(year=2031))
    later = SessionFactory(edition=sub_forum.edition, sub_forum=sub_forum, title_en="Later")
    earlier = SessionFactory(
        edition=sub_forum.edition,
        sub_forum=sub_forum,
        title_en="Earlier",
        start=later.start - datetime.timedelta(hours=2),
        end=later.start - datetime.timedelta(hours=1),
    )
    values = form_values(
        client.get(f"/admin/events/subforum/{sub_forum.pk}/change/").content.decode(),
        "subforum_form",
    )
    assert values["sessions-0-id"] == str(earlier.pk)
    assert values["sessions-1-id"] == str(later.pk)


def test_edition_help_texts_use_its_own_year_and_zone(client, organizer):
    edition = EditionFactory(year=2024, time_zone="Europe/Berlin")
    page = client.get(f"/admin/events/edition/{edition.pk}/change/").content.decode()
    assert "/2024/" in page
    assert "/2022/" not in page
    assert "time zone, Europe/Berlin." in page


def test_registration_times_are_on_the_edition_clock(client, organizer):
    edition = EditionFactory(year=2031, time_zone="Europe/Berlin")
    url = f"/admin/events/edition/{edition.pk}/change/"
    response = submit(
        client,
        url,
        "edition_form",
        {"registration_opens_0": "2031-09-01", "registration_opens_1": "08:00"},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.registration_opens == datetime.datetime(2031, 9, 1, 6, 0, tzinfo=datetime.UTC)
    assert 'name="registration_opens_1" value="08:00:00"' in client.get(url).content.decode()


def test_the_server_time_note_is_hidden_in_the_admin(client, organizer):
    page = client.get("/admin/").content.decode()
    assert "css/admin.css" in page
    with open(finders.find("css/admin.css"), encoding="utf-8") as css:
        assert ".timezonewarning" in css.read()


def test_the_session_form_names_the_zone_of_its_edition(client, organizer):
    edition = EditionFactory(year=2031, time_zone="Europe/Berlin")
    page = client.get(f"/admin/events/session/add/?edition={edition.pk}").content.decode()
    assert "Times are in the edition's time zone, Europe/Berlin." in page
    session = SessionFactory(edition=edition)
    page = client.get(f"/admin/events/session/{session.pk}/change/").content.decode()
    assert "Times are in the edition's time zone, Europe/Berlin." in page


def test_a_session_in_a_room_already_taken_is_refused_on_its_row(client, organizer):
    edition = EditionFactory(year=2031)
    sub_forum = SubForumFactory(edition=edition)
    SessionFactory(
        edition=edition,
        room=sub_forum.room,
        title_en="Already there",
        start=datetime.datetime(2031, 11, 22, 1, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2031, 11, 22, 3, 0, tzinfo=datetime.UTC),
    )

    response = submit(
        client,
        f"/admin/events/subforum/{sub_forum.pk}/change/",
        "subforum_form",
        {
            "sessions-0-title_en": "Clashing",
            "sessions-0-start_0": "2031-11-22",
            "sessions-0-start_1": "09:30",
            "sessions-0-end_0": "2031-11-22",
            "sessions-0-end_1": "10:00",
        },
    )

    assert response.status_code == 200
    assert "is already booked for “Already there”" in response.content.decode()
    assert not Session.objects.filter(title_en="Clashing").exists()
