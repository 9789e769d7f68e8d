"""Rooms of different editions that share a name are told apart in the admin by their year."""

import pytest
from django.urls import reverse

from events.models import Session
from tests.admin_forms import submit
from tests.factories import EditionFactory, RoomFactory, SessionFactory, SubForumFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_room_101s():
    """Room 101 of 2031 and Room 101 of 2032, each with a session."""
    rooms = []
    for year in (2031, 2032):
        room = RoomFactory(edition=EditionFactory(year=year), name_en="Room 101", building_en="")
        SessionFactory(edition=room.edition, room=room, title_en=f"Talk of {year}")
        rooms.append(room)
    return rooms


def autocomplete(client, model, term="101"):
    query = {"app_label": "events", "model_name": model, "field_name": "room", "term": term}
    response = client.get(reverse("admin:events_room_autocomplete"), query)
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("model", ["session", "subforum"])
def test_the_room_autocomplete_names_each_rooms_year(client, organizer, two_room_101s, model):
    assert autocomplete(client, model) == ["Room 101 (2032)", "Room 101 (2031)"]


def test_the_room_autocomplete_names_the_building_and_the_year(client, organizer):
    RoomFactory(edition=EditionFactory(year=2031), name_en="Hall A", building_en="Library")
    assert autocomplete(client, "session", "Hall") == ["Hall A (Library, 2031)"]


def test_the_room_autocomplete_in_chinese(client, organizer, two_room_101s):
    two_room_101s[0].name_zh_hans = "101会议室"
    two_room_101s[0].building_zh_hans = "主楼"
    two_room_101s[0].save()
    client.cookies["django_language"] = "zh-hans"
    assert "101会议室（主楼，2031年）" in autocomplete(client, "session", "101")


def test_the_room_autocomplete_is_for_staff_only(client, two_room_101s):
    query = {"app_label": "events", "model_name": "session", "field_name": "room", "term": "1"}
    response = client.get(reverse("admin:events_room_autocomplete"), query)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_session_and_sub_forum_forms_show_the_chosen_rooms_year(client, organizer, two_room_101s):
    session = Session.objects.get(room=two_room_101s[1])
    page = client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    assert f'<option value="{two_room_101s[1].pk}" selected>Room 101 (2032)</option>' in page
    assert 'data-ajax--url="/admin/events/room/autocomplete/"' in page
    sub_forum = SubForumFactory(edition=two_room_101s[0].edition, room=two_room_101s[0])
    url = reverse("admin:events_subforum_change", args=[sub_forum.pk])
    assert "Room 101 (2031)</option>" in client.get(url).content.decode()
    edition_url = reverse("admin:events_edition_change", args=[sub_forum.edition_id])
    assert "Room 101 (2031)</option>" in client.get(edition_url).content.decode()


def test_a_session_keeps_its_room_when_saved_from_the_admin(client, organizer, two_room_101s):
    session = Session.objects.get(room=two_room_101s[0])
    url = reverse("admin:events_session_change", args=[session.pk])
    response = submit(client, url, "session_form", {"title_en": "Renamed"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title_en, session.room) == ("Renamed", two_room_101s[0])


def test_the_session_list_filters_by_rooms_named_with_their_year(client, organizer, two_room_101s):
    response = client.get(reverse("admin:events_session_changelist"))
    [room_filter] = [f for f in response.context["cl"].filter_specs if f.title == "room"]
    assert [label for _pk, label in room_filter.lookup_choices] == [
        "Room 101 (2032)",
        "Room 101 (2031)",
    ]
