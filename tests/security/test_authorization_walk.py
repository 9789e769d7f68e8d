"""Every staff page refuses outsiders; no public page or API answer leaks private data.

The addresses come from walking the project's URL patterns (``url_catalogue``), in both
languages, so a new view is checked as soon as it is routed.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from events.models import Session
from tests.factories import UserFactory

from .url_catalogue import addresses, build_world

MEETING_URL = "https://meeting.example.org/private-sub-forum-{}"
LIVESTREAM_URL = "https://live.example.org/attendees-only-{}"
REPLAY_URL = "https://replay.example.org/attendees-only-{}"


@pytest.fixture
def world(db):
    world = build_world()
    for forum in world.edition.sub_forums.all():
        forum.online_meeting_url = MEETING_URL.format(forum.pk)
        forum.save()
    for session in Session.objects.filter(edition=world.edition):
        session.livestream_url = LIVESTREAM_URL.format(session.pk)
        session.replay_url = REPLAY_URL.format(session.pk)
        session.link_visibility = Session.Visibility.ATTENDEES
        session.save()
    return world


def _secrets(world):
    values = []
    for registration in (world.registration, world.other):
        values += [registration.email, registration.passport_number]
    values += [forum.online_meeting_url for forum in world.edition.sub_forums.all()]
    for session in Session.objects.filter(edition=world.edition):
        values += [session.livestream_url, session.replay_url]
    return values


def _refused(response):
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "login" in response["Location"]


def _model_admin_addresses():
    """Changelist, add and change pages of every registered ModelAdmin."""
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        obj = model._default_manager.order_by("pk").first()
        yield reverse(f"{prefix}_change", args=[obj.pk if obj else 1])


def test_the_walk_covers_staff_personal_and_public_pages(world):
    kinds = {address.kind for address in addresses(world)}
    assert kinds == {"staff", "personal", "public"}


def test_every_staff_page_refuses_anonymous_visitors(world, client):
    staff = [a.url for a in addresses(world) if a.kind == "staff"]
    assert "/checkin/" in staff and "/zh-hans/checkin/" in staff
    assert "/admin/attendees/registration/export/" in staff
    assert any(url.endswith("/preview/") and url.startswith("/news/") for url in staff)
    not_refused = [url for url in staff if not _refused(client.get(url))]
    assert not_refused == []


def test_every_staff_page_refuses_a_user_without_staff_status(world, client):
    client.force_login(UserFactory(username="plain-user"))
    staff = [a.url for a in addresses(world) if a.kind == "staff"]
    not_refused = [url for url in staff if not _refused(client.get(url))]
    assert not_refused == []


def test_every_model_admin_page_refuses_staff_without_the_permission(world, client):
    client.force_login(UserFactory(username="staff-no-perms", is_staff=True))
    not_refused = [url for url in _model_admin_addresses() if not _refused(client.get(url))]
    assert not_refused == []


# Staff pages any staff member may open, whatever their permissions: admin pages that show only
# what the user may see (the index, their own password, the catalogue of translations, the
# redirects to the change page or to the public page). A draft's preview is not one of them: it
# needs the permission to change news.
FOR_ANY_STAFF = {
    "index",
    "app_list",
    "password_change",
    "password_change_done",
    "jsi18n",
    "view_on_site",
    None,
}


def _refused_to_staff(response):
    """Refused, or sent back to the admin index (the admin's answer for a missing object)."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and (
        "login" in response["Location"] or response["Location"] == "/admin/"
    )


def test_every_staff_page_refuses_staff_without_the_permission(world, client):
    client.force_login(UserFactory(username="staff-no-perms", is_staff=True))
    staff = [a.url for a in addresses(world) if a.kind == "staff" and a.name not in FOR_ANY_STAFF]
    assert "/checkin/" in staff
    not_refused = [url for url in staff if not _refused_to_staff(client.get(url))]
    assert not_refused == []


def test_no_public_page_or_api_answer_leaks_private_data(world, client):
    secrets = _secrets(world)
    public = [a.url for a in addresses(world) if a.kind == "public"]
    assert "/api/sessions/" in public
    leaks = []
    for url in public:
        body = client.get(url, follow=True).content.decode("utf-8", "replace")
        leaks += [(url, secret) for secret in secrets if secret in body]
    assert leaks == []


def test_personal_pages_never_show_another_attendees_data(world, client):
    other = [world.other.email, world.other.passport_number]
    personal = [a.url for a in addresses(world) if a.kind == "personal"]
    assert personal
    leaks = []
    for url in personal:
        body = client.get(url).content.decode("utf-8", "replace")
        leaks += [(url, secret) for secret in other if secret in body]
    assert leaks == []
