"""The organizers' admin, its permissions group and the ensure_organizer command."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from events.models import (
    Edition,
    NewsArticle,
    Organization,
    OrganizerRole,
    Page,
    Room,
    Series,
    Session,
    SessionSpeaker,
    Speaker,
    SubForum,
    Topic,
)

pytestmark = pytest.mark.django_db


# --- Data, made here so these tests depend on nothing but the models ------------------------------


def make_edition(year=2031, **fields):
    series, _ = Series.objects.get_or_create(slug="icie", defaults={"name_en": "ICIE"})
    values = {
        "series": series,
        "year": year,
        "title_en": f"ICIE {year}",
        "title_zh_hans": f"{year}会议",
        "start_date": datetime.date(year, 11, 22),
        "end_date": datetime.date(year, 11, 23),
        "city_en": "Shenyang",
        "venue_en": "Northeastern University",
        "is_published": True,
    }
    return Edition.objects.create(**values | fields)


def make_room(edition, name="Room 101"):
    return Room.objects.create(
        edition=edition, name_en=name, building_en="Main Building", capacity=100
    )


def make_session(edition, *, room, title="A talk", day=None, at=(9, 0), minutes=30):
    tz = edition.tzinfo
    start = datetime.datetime.combine(day or edition.start_date, datetime.time(*at), tzinfo=tz)
    return Session.objects.create(
        edition=edition,
        title_en=title,
        room=room,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
    )


def make_speaker(name="Ada Lovelace", slug="ada-lovelace"):
    return Speaker.objects.create(name=name, slug=slug, affiliation_en="Analytical Society")


def make_article(slug="hello", status=NewsArticle.Status.DRAFT, **fields):
    return NewsArticle.objects.create(
        title_en=f"Article {slug}", slug=slug, body_en="<p>Text.</p>", status=status, **fields
    )


def make_everything():
    """One of every kind of thing the admin manages."""
    edition = make_edition()
    organization = Organization.objects.create(name_en="Northeastern University")
    OrganizerRole.objects.create(
        edition=edition, organization=organization, role=OrganizerRole.Role.ORGANIZER
    )
    topic = Topic.objects.create(edition=edition, title_en="Intelligent computing")
    room = make_room(edition)
    sub_forum = SubForum.objects.create(
        edition=edition, title_en="Smart industry", slug="smart-industry", room=room
    )
    sub_forum.topics.add(topic)
    speaker = make_speaker()
    session = make_session(edition, room=room)
    SessionSpeaker.objects.create(session=session, speaker=speaker)
    make_article()
    Page.objects.create(title_en="About", slug="about", body_en="<p>About us.</p>")


# --- Every page of the admin opens for an organizer ----------------------------------------------

EVENTS_MODELS = [
    Edition,
    NewsArticle,
    Organization,
    OrganizerRole,
    Page,
    Room,
    Series,
    Session,
    Speaker,
    SubForum,
    Topic,
]


def admin_url(model, view, *args):
    return reverse(f"admin:events_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", EVENTS_MODELS, ids=lambda m: m.__name__)
def test_organizer_opens_changelist_and_change_page(client, organizer, model):
    make_everything()
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in EVENTS_MODELS if m is not Series], ids=lambda m: m.__name__
)
def test_organizer_opens_add_page(client, organizer, model):
    assert client.get(admin_url(model, "add")).status_code == 200


def test_organizer_may_not_add_a_series(client, organizer):
    assert client.get(admin_url(Series, "add")).status_code == 403


def test_organizer_cannot_manage_users(client, organizer):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_changelist_search_finds_sessions_by_speaker_name(client, organizer):
    make_everything()
    response = client.get(admin_url(Session, "changelist"), {"q": "Lovelace"})
    assert [s.title for s in response.context["cl"].result_list] == ["A talk"]


# --- Sessions ----------------------------------------------------------------------------------


def session_form_data(edition, room, *, title="Clashing talk", day="2031-11-22", start="09:15"):
    return {
        "edition": edition.pk,
        "kind": Session.Kind.TALK,
        "title_en": title,
        "start_0": day,
        "start_1": start,
        "end_0": day,
        "end_1": "10:00",
        "room": room.pk,
        "delivery": "on_site",
        "link_visibility": Session.Visibility.NOBODY,
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
        "session_speakers-MIN_NUM_FORMS": "0",
        "session_speakers-MAX_NUM_FORMS": "1000",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }


def test_room_clash_is_shown_on_the_room_field_and_nothing_is_saved(client, organizer):
    edition = make_edition()
    room = make_room(edition)
    make_session(edition, room=room, title="Keynote", at=(9, 0), minutes=60)
    speaker = make_speaker()
    data = session_form_data(edition, room) | {
        "session_speakers-TOTAL_FORMS": "1",
        "session_speakers-0-speaker": speaker.pk,
        "session_speakers-0-order": "0",
    }

    response = client.post(admin_url(Session, "add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["room"]
    assert "already booked for “Keynote” at 2031-11-22 09:00" in errors["room"][0]
    assert "already booked" in response.content.decode()
    assert Session.objects.count() == 1
    assert not SessionSpeaker.objects.exists()


def test_session_times_are_entered_on_the_edition_clock(client, organizer):
    edition = make_edition(time_zone="Europe/Berlin")
    room = make_room(edition)

    response = client.post(admin_url(Session, "add"), session_form_data(edition, room))

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.start == datetime.datetime(2031, 11, 22, 8, 15, tzinfo=datetime.UTC)
    form_page = client.get(admin_url(Session, "change", session.pk)).content.decode()
    assert 'name="start_1" value="09:15:00"' in form_page


def test_organizer_gives_a_session_its_language_subtitle_and_an_attachment(client, organizer):
    edition = make_edition()
    data = session_form_data(edition, make_room(edition)) | {
        "subtitle_en": "A subtitle",
        "description_en": "The full description.",
        "language": "en",
        "interpretation_language": "zh",
        "links-TOTAL_FORMS": "1",
        "links-0-kind": "attachment",
        "links-0-title_en": "Slides",
        "links-0-title_zh_hans": "幻灯片",
        "links-0-url": "https://files.example.org/slides.pdf",
        "links-0-order": "0",
    }

    response = client.post(admin_url(Session, "add"), data)

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.language, session.interpretation_language) == ("en", "zh")
    assert (session.subtitle_en, session.description_en) == ("A subtitle", "The full description.")
    assert list(session.links.values_list("kind", "title_en", "title_zh_hans")) == [
        ("attachment", "Slides", "幻灯片")
    ]


def test_day_filter_lists_days_as_the_edition_clock_reads_them(client, organizer):
    edition = make_edition()
    room = make_room(edition)
    # 23 November 00:30 in Shanghai is still 22 November in UTC.
    late = make_session(
        edition, room=room, title="Early", day=datetime.date(2031, 11, 23), at=(0, 30)
    )
    make_session(edition, room=room, title="First day")
    url = admin_url(Session, "changelist")

    day_filter = next(f for f in client.get(url).context["cl"].filter_specs if f.title == "day")
    assert [value for value, _ in day_filter.lookup_choices] == ["2031-11-22", "2031-11-23"]
    response = client.get(url, {"day": "2031-11-23"})
    assert list(response.context["cl"].result_list) == [late]


@pytest.mark.parametrize("count", [1, 3])
def test_session_changelist_query_count_does_not_grow(
    client, organizer, count, django_assert_num_queries
):
    edition = make_edition()
    speaker = make_speaker()
    for i in range(count):
        session = make_session(edition, room=make_room(edition, f"Room {i}"), title=f"Talk {i}")
        SessionSpeaker.objects.create(session=session, speaker=speaker)

    with django_assert_num_queries(14):
        client.get(admin_url(Session, "changelist"))


# --- Editions ----------------------------------------------------------------------------------


def test_edition_list_shows_current_and_published_without_editing_them(client, organizer):
    make_edition(is_current=True)
    response = client.get(admin_url(Edition, "changelist"))
    list_display = response.context["cl"].list_display
    assert {"is_current", "is_published"} <= set(list_display)
    assert not response.context["cl"].list_editable


def test_marking_an_edition_current_unmarks_the_previous_one(client, organizer):
    previous = make_edition(2030, is_current=True)
    edition = make_edition(2031)
    data = {
        "series": edition.series_id,
        "year": 2031,
        "title_en": "ICIE 2031",
        "start_date": "2031-11-22",
        "end_date": "2031-11-23",
        "time_zone": "Asia/Shanghai",
        "day_change": "00:00",
        "mode": "hybrid",
        "city_en": "Shenyang",
        "venue_en": "NEU",
        "is_published": "on",
        "is_current": "on",
    }
    for prefix in ("organizer_roles", "topics", "sub_forums"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post(admin_url(Edition, "change", edition.pk), data)

    assert response.status_code == 302
    previous.refresh_from_db()
    edition.refresh_from_db()
    assert (previous.is_current, edition.is_current) == (False, True)


# --- News --------------------------------------------------------------------------------------


def test_publish_action_publishes_the_selected_drafts(client, organizer):
    chosen = make_article("chosen")
    other = make_article("other")

    response = client.post(
        admin_url(NewsArticle, "changelist"),
        {"action": "publish", "_selected_action": [chosen.pk]},
        follow=True,
    )

    assert "1 article was published." in [str(m) for m in response.context["messages"]]
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, other.status) == ("published", "draft")


def test_move_to_draft_action_unpublishes(client, organizer):
    article = make_article(status=NewsArticle.Status.PUBLISHED)
    client.post(
        admin_url(NewsArticle, "changelist"),
        {"action": "move_to_draft", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == NewsArticle.Status.DRAFT


def test_news_list_and_form_link_to_the_preview(client, organizer):
    article = make_article("draft-news")
    preview = reverse("events:news_preview", kwargs={"slug": "draft-news"})
    assert f'href="{preview}"' in client.get(admin_url(NewsArticle, "changelist")).content.decode()
    form_page = client.get(admin_url(NewsArticle, "change", article.pk)).content.decode()
    assert f'href="{preview}"' in form_page


def test_preview_sends_anonymous_visitors_to_the_login(client):
    make_article("secret-draft")
    url = reverse("events:news_preview", kwargs={"slug": "secret-draft"})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_preview_shows_a_draft_to_staff(client, organizer):
    make_article("draft-news")
    response = client.get(reverse("events:news_preview", kwargs={"slug": "draft-news"}))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "Article draft-news" in response.content.decode()


@pytest.mark.parametrize("permissions", [[], ["view_newsarticle"]], ids=["none", "view only"])
def test_preview_refuses_staff_who_may_not_change_news(client, permissions):
    """A check-in desk member is staff, but drafts are not theirs to read."""
    make_article("secret-draft")
    desk = get_user_model().objects.create_user("desk", password="a-long-password", is_staff=True)
    desk.groups.add(Group.objects.get(name="Check-in desk"))
    desk.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    client.force_login(desk)
    response = client.get(reverse("events:news_preview", kwargs={"slug": "secret-draft"}))
    assert response.status_code == 403
    assert "Article secret-draft" not in response.content.decode()


def test_images_show_as_escaped_thumbnails(client, organizer):
    Organization.objects.create(name_en="Logo Inc", logo="organizations/a&b.png")
    response = client.get(admin_url(Organization, "changelist"))
    assert '<img src="/media/organizations/a%26b.png"' in response.content.decode()


def test_speaker_without_a_page_has_no_view_on_site_link(client, organizer):
    speaker = make_speaker()
    response = client.get(admin_url(Speaker, "change", speaker.pk))
    assert response.status_code == 200
    assert not response.context["has_absolute_url"]


# --- The Organizers group and the organizer account ---------------------------------------------


def test_organizers_group_may_run_the_program_but_not_manage_users():
    user = get_user_model().objects.create_user("olga", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    assert user.has_perms(
        [
            "events.change_session",
            "events.add_sessionspeaker",
            "events.delete_newsarticle",
            "events.change_series",
            "events.view_series",
        ]
    )
    assert not user.has_perm("events.add_series")
    assert not user.has_perm("auth.change_user")
    assert not user.has_perm("auth.view_group")


@pytest.fixture
def organizer_env(monkeypatch):
    for name in (
        "DJANGO_SUPERUSER_USERNAME",
        "DJANGO_SUPERUSER_EMAIL",
        "DJANGO_SUPERUSER_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run_ensure_organizer(capsys):
    call_command("ensure_organizer")
    return capsys.readouterr().out


def test_ensure_organizer_creates_a_superuser_organizer_with_a_printed_password(
    organizer_env, capsys
):
    out = run_ensure_organizer(capsys)

    user = get_user_model().objects.get(username="organizer")
    password = next(line for line in out.splitlines() if "Password:" in line).split()[2]
    assert user.check_password(password)
    assert (user.is_staff, user.is_superuser, user.email) == (True, True, "organizer@localhost")
    assert user.groups.filter(name="Organizers").exists()
    assert "http://127.0.0.1:8000/admin/" in out


def test_ensure_organizer_run_again_keeps_the_password(organizer_env, capsys):
    first = run_ensure_organizer(capsys)
    password = next(line for line in first.splitlines() if "Password:" in line).split()[2]

    again = run_ensure_organizer(capsys)

    assert password not in again
    assert "printed when the account was created" in again
    assert get_user_model().objects.get(username="organizer").check_password(password)
    assert get_user_model().objects.count() == 1


def test_ensure_organizer_uses_the_password_from_the_environment(organizer_env, capsys):
    run_ensure_organizer(capsys)
    organizer_env.setenv("DJANGO_SUPERUSER_USERNAME", "organizer")
    organizer_env.setenv("DJANGO_SUPERUSER_PASSWORD", "a-password-from-env")

    out = run_ensure_organizer(capsys)

    assert "a-password-from-env" not in out
    assert "DJANGO_SUPERUSER_PASSWORD" in out
    assert get_user_model().objects.get(username="organizer").check_password("a-password-from-env")


def test_ensure_organizer_puts_an_existing_user_in_the_group(organizer_env, capsys):
    organizer_env.setenv("DJANGO_SUPERUSER_USERNAME", "lead")
    get_user_model().objects.create_user("lead", password="kept-password")

    run_ensure_organizer(capsys)

    user = get_user_model().objects.get(username="lead")
    assert user.check_password("kept-password")
    assert (user.is_staff, user.is_superuser) == (True, True)
    assert user.groups.filter(name="Organizers").exists()
