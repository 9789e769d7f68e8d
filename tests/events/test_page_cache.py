"""The page cache: anonymous public pages come from it, and no change ever leaves them stale."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from attendees import services
from attendees.links import manage_url
from attendees.models import Registration
from tests.admin_forms import form_values
from tests.events.test_frab_import import frab_program, run_import
from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    OpenEditionFactory,
    PageFactory,
    RegistrationFactory,
    SessionFactory,
    SubForumFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def program(edition):
    session = SessionFactory(edition=edition, title_en="Seeing machines", title_zh_hans="视觉机器")
    return edition, session


def test_a_second_visit_is_answered_from_the_cache_with_one_query(
    client, program, django_assert_num_queries
):
    edition, _session = program
    url = reverse("events:program", kwargs={"year": edition.year})
    first = client.get(url)
    assert first.status_code == 200 and "Seeing machines" in first.text
    # Only the content version is read: the page itself is not rendered again.
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_each_language_has_its_own_copy(client, program):
    edition, _session = program
    english = client.get(f"/{edition.year}/program/")
    chinese = client.get(f"/zh-hans/{edition.year}/program/")
    assert "Seeing machines" in english.text and "视觉机器" not in english.text
    assert "视觉机器" in chinese.text
    assert "视觉机器" in client.get(f"/zh-hans/{edition.year}/program/").text
    assert "Seeing machines" in client.get(f"/{edition.year}/program/").text


def test_a_save_shows_on_the_next_visit(client, program):
    edition, session = program
    url = reverse("events:session", kwargs={"year": edition.year, "pk": session.pk})
    assert "Seeing machines" in client.get(url).text
    session.title_en = "Seeing better machines"
    session.save()
    assert "Seeing better machines" in client.get(url).text


def test_a_deletion_shows_on_the_next_visit(client, edition):
    article = NewsArticleFactory(edition=edition, title_en="Opening ceremony")
    assert "Opening ceremony" in client.get(reverse("events:news")).text
    assert client.get(article.get_absolute_url()).status_code == 200
    url = article.get_absolute_url()
    article.delete()
    assert "Opening ceremony" not in client.get(reverse("events:news")).text
    assert client.get(url).status_code == 404


def test_an_edit_in_the_admin_shows_at_once_in_both_languages(client, program):
    edition, session = program
    english, chinese = f"/{edition.year}/program/", f"/zh-hans/{edition.year}/program/"
    client.get(english), client.get(chinese)
    organizer = UserFactory(is_staff=True, is_superuser=True)
    admin = type(client)()
    admin.force_login(organizer)
    change = reverse("admin:events_session_change", args=[session.pk])
    values = form_values(admin.get(change).content, "session_form")
    values.update(title_en="Machines that see", title_zh_hans="会看的机器")
    assert admin.post(change, values).status_code == 302
    assert "Machines that see" in client.get(english).text
    assert "会看的机器" in client.get(chinese).text


def test_a_many_to_many_change_shows_on_the_next_visit(client, program):
    edition, session = program
    url = f"/{edition.year}/sub-forums/"
    sub_forum = SubForumFactory(edition=edition, title_en="Metallurgy")
    assert "Metallurgy" in client.get(url).text
    session.sub_forum = sub_forum
    session.save()
    assert (
        "Seeing machines"
        in client.get(
            reverse("events:sub_forum", kwargs={"year": edition.year, "slug": sub_forum.slug})
        ).text
    )


def test_an_import_shows_on_the_next_visit(client):
    # The import writes in bulk, without signals: it makes the cached pages stale itself.
    edition = EditionFactory(
        year=2022, start_date=datetime.date(2022, 11, 22), end_date=datetime.date(2022, 11, 26)
    )
    url = f"/{edition.year}/program/"
    assert "Talk 0-1" not in client.get(url).text
    run_import(edition, frab_program(10, "Room"))
    assert "Talk 0-1" in client.get(url).text


def test_registration_figures_on_the_home_page_follow_confirmations(client, db):
    edition = OpenEditionFactory(is_current=True)
    registration = RegistrationFactory(edition=edition, country="FR")
    assert "The conference in figures" not in client.get("/").text
    services.confirm_email(registration=registration)
    page = client.get("/").text
    assert "The conference in figures" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_an_unconfirmed_sign_up_leaves_cached_pages_alone(
    client, edition, django_assert_num_queries
):
    client.get("/")
    RegistrationFactory(edition=edition)
    with django_assert_num_queries(1):
        client.get("/")


def test_the_registration_notice_changes_when_the_window_opens(client, db):
    opens = timezone.now() + datetime.timedelta(minutes=5)
    EditionFactory(
        is_current=True,
        registration_opens=opens,
        registration_closes=opens + datetime.timedelta(days=10),
    )
    assert "Registration opens on" in client.get("/").text
    with time_machine.travel(opens + datetime.timedelta(seconds=1)):
        assert "Registration is open until" in client.get("/").text


def test_news_published_today_appears_after_midnight(client, edition):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    NewsArticleFactory(edition=edition, title_en="News of tomorrow", published_on=tomorrow)
    assert "News of tomorrow" not in client.get("/news/").text
    midnight = datetime.datetime.combine(tomorrow, datetime.time(0, 0, 1))
    with time_machine.travel(timezone.make_aware(midnight)):
        assert "News of tomorrow" in client.get("/news/").text


def test_logged_in_visitors_never_get_or_leave_a_cached_copy(
    client, program, django_assert_max_num_queries
):
    edition, _session = program
    url = f"/{edition.year}/program/"
    client.force_login(UserFactory(is_staff=True))
    client.get(url)
    page = client.get(url)
    assert page.status_code == 200 and "public" not in page.get("Cache-Control", "")
    client.logout()
    client.get(url)
    with django_assert_max_num_queries(1):
        client.get(url)


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, program):
    edition, _session = program
    url = f"/{edition.year}/program/"
    client.get(url)
    client.cookies["messages"] = "pending"
    assert client.get(url).status_code == 200
    assert "public" not in client.get(url).get("Cache-Control", "")


def test_forms_and_personal_pages_are_never_cached(client, db):
    edition = OpenEditionFactory(is_current=True)
    register = reverse("attendees:register", kwargs={"year": edition.year})
    for _ in range(2):
        answer = client.get(register)
        assert answer.status_code == 200 and "csrfmiddlewaretoken" in answer.text
        assert "public" not in answer.get("Cache-Control", "")
    personal = manage_url(RegistrationFactory(edition=edition))
    for _ in range(2):
        answer = client.get(personal)
        assert answer.status_code == 200
        assert "public" not in answer.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    [
        "/{year}/program/",
        "/zh-hans/{year}/program/",
        "/{year}/program.ics",
        "/{year}/schedule.xml",
        "/{year}/schedule.json",
        "/api/sessions/",
    ],
)
@pytest.mark.usefixtures("tasks_run_at_once")  # builds the whole edition's files
def test_conditional_get_answers_304_until_the_content_changes(client, program, url):
    edition, session = program
    url = url.format(year=edition.year)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    session.title_en, session.title_zh_hans = "Seeing better", "更好的视觉"
    session.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/", "/sitemap.xml", "/api/editions/"])
def test_feeds_the_sitemap_and_the_api_answer_conditional_gets(client, program, url):
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_uncached_pages_answer_conditional_gets_too(client, program, settings):
    settings.PAGE_CACHE = False
    edition, _session = program
    first = client.get(f"/{edition.year}/program/")
    assert (
        client.get(f"/{edition.year}/program/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )


def test_the_cache_is_off_when_settings_say_so(
    client, program, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    edition, _session = program
    url = f"/{edition.year}/sub-forums/"
    client.get(url)
    with django_assert_num_queries(4):
        client.get(url)


def test_organizer_pages_are_cached_and_follow_edits(client, db):
    page = PageFactory(slug="venue", title_en="Venue", body_en="<p>Hall A</p>")
    assert "Hall A" in client.get("/venue/").text
    page.body_en = "<p>Hall B</p>"
    page.save()
    assert "Hall B" in client.get("/venue/").text
