"""The page cache: anonymous public pages come from it, no change ever leaves them stale, and a
change only refreshes the pages that show what it changed."""

import datetime
import logging
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError
from django.urls import path, reverse
from django.utils import timezone

from attendees import services
from attendees.links import manage_url
from attendees.models import Registration
from conference_site.page_cache import cache_public_patterns
from events.public_pages import public_page
from tests.admin_forms import form_values
from tests.events.test_frab_import import frab_program, run_import
from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    OpenEditionFactory,
    PageFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
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


def assert_answered_from_the_cache(client, url, django_assert_num_queries):
    # A copy is read with the one query for its versions: the page is not rendered again.
    with django_assert_num_queries(1):
        answer = client.get(url)
    assert answer.status_code == 200
    return answer


def test_a_confirmed_registration_refreshes_the_figures_but_not_the_program(
    client, django_assert_num_queries
):
    edition = OpenEditionFactory(is_current=True)
    SessionFactory(edition=edition, title_en="Seeing machines")
    program = f"/{edition.year}/program/"
    pages = ["/", f"/{edition.year}/", program]
    for url in pages:
        assert "The conference in figures" not in client.get(url).text
    services.confirm_email(registration=RegistrationFactory(edition=edition, country="FR"))
    assert "The conference in figures" in client.get("/").text
    assert "The conference in figures" in client.get(f"/{edition.year}/").text
    assert (
        "Seeing machines"
        in assert_answered_from_the_cache(client, program, django_assert_num_queries).text
    )


def test_an_edit_of_one_edition_leaves_the_other_editions_pages_cached(
    client, django_assert_num_queries
):
    old = EditionFactory(year=2021)
    new = EditionFactory(year=2022, is_current=True)
    SessionFactory(edition=old, title_en="Rolling steel")
    session = SessionFactory(edition=new, title_en="Seeing machines")
    for url in ("/2021/program/", "/2022/program/", "/"):
        client.get(url)
    session.title_en = "Seeing better machines"
    session.save()
    assert "Seeing better machines" in client.get("/2022/program/").text
    assert (
        "Rolling steel"
        in assert_answered_from_the_cache(client, "/2021/program/", django_assert_num_queries).text
    )
    # The home page shows the current edition, which only the database knows: any program.
    assert client.get("/").status_code == 200


def test_a_speaker_shared_by_two_editions_is_renamed_on_both(client):
    speaker = SpeakerFactory(name="Ada Lovelace", slug="ada")
    editions = [EditionFactory(year=2021), EditionFactory(year=2022, is_current=True)]
    for edition in editions:
        SessionFactory(edition=edition, with_speakers=[speaker])
    urls = [f"/{edition.year}/speakers/" for edition in editions]
    for url in urls:
        assert "Ada Lovelace" in client.get(url).text
    speaker.name = "Augusta Ada King"
    speaker.save()
    for url in urls:
        assert "Augusta Ada King" in client.get(url).text


def test_a_session_moved_to_another_edition_leaves_the_old_program(client):
    old, new = EditionFactory(year=2021), EditionFactory(year=2022, is_current=True)
    session = SessionFactory(edition=old, title_en="Wandering talk")
    assert "Wandering talk" in client.get("/2021/program/").text
    assert "Wandering talk" not in client.get("/2022/program/").text
    session.edition = new
    session.start = session.start.replace(year=2022)
    session.end = session.end.replace(year=2022)
    session.save()
    assert "Wandering talk" not in client.get("/2021/program/").text
    assert "Wandering talk" in client.get("/2022/program/").text


def test_news_refreshes_the_news_pages_and_not_the_program(
    client, program, django_assert_num_queries
):
    edition, _session = program
    for url in ("/news/", f"/{edition.year}/", f"/{edition.year}/program/"):
        client.get(url)
    NewsArticleFactory(edition=edition, title_en="Registration opens")
    assert "Registration opens" in client.get("/news/").text
    assert "Registration opens" in client.get(f"/{edition.year}/").text
    assert_answered_from_the_cache(client, f"/{edition.year}/program/", django_assert_num_queries)


def test_a_menu_page_renamed_shows_in_every_pages_menu(client, program):
    edition, _session = program
    page = PageFactory(slug="venue", title_en="Venue", in_menu=True, is_published=True)
    assert ">Venue<" in client.get(f"/{edition.year}/program/").text
    page.title_en = "Getting there"
    page.save()
    assert ">Getting there<" in client.get(f"/{edition.year}/program/").text


def test_a_page_outside_the_menu_leaves_the_program_cached(
    client, program, django_assert_num_queries
):
    edition, _session = program
    page = PageFactory(slug="hotels", body_en="<p>Hotel A</p>", in_menu=False, is_published=True)
    client.get("/hotels/"), client.get(f"/{edition.year}/program/")
    page.body_en = "<p>Hotel B</p>"
    page.save()
    assert "Hotel B" in client.get("/hotels/").text
    assert_answered_from_the_cache(client, f"/{edition.year}/program/", django_assert_num_queries)


def test_a_database_error_in_a_cached_view_goes_through_the_middleware(client, program, caplog):
    # Cached views are plain views: the database middleware's process_exception answers.
    edition, _session = program
    with (
        mock.patch("events.views.program.queries.published_edition", side_effect=OperationalError),
        caplog.at_level(logging.ERROR, logger="conference_site.database_unavailable"),
    ):
        answer = client.get(f"/{edition.year}/program/")
    assert answer.status_code == 503
    assert any("answered 503" in record.getMessage() for record in caplog.records)


def test_patterns_wrapped_twice_are_cached_once():
    def view(request):
        raise AssertionError("not called")

    once = cache_public_patterns([path("x/", public_page(view))])
    twice = cache_public_patterns(once)
    assert twice[0].callback is once[0].callback
