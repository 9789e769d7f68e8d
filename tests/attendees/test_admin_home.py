"""The admin home: the edition an organizer runs, its figures, one step to each task."""

import datetime
import re

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from attendees.models import Registration
from tests.factories import EditionFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def organizer_client(client):
    user = UserFactory(username="organizer", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    client.force_login(user)
    return client


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _within(page, class_name, tag):
    return [element for box in page.find_class(class_name) for element in box.iter(tag)]


def _hrefs(page, class_name):
    return [a.get("href") for a in _within(page, class_name, "a")]


def _home(client, query=""):
    response = client.get(f"/admin/{query}")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _figures(page) -> dict[str, str]:
    return {
        _text(div.find("dt")): _text(div.find("dd"))
        for div in _within(page, "organizer-figures", "div")
    }


def _table(page, caption) -> dict[str, int]:
    for table in _within(page, "organizer-breakdowns", "table"):
        if _text(table.find("caption")) == caption:
            return {_text(row.find("th")): int(_text(row.find("td"))) for row in table.iter("tr")}
    raise AssertionError(caption)


def test_the_home_opens_on_the_current_edition_with_its_figures(organizer_client, open_edition):
    EditionFactory(year=2019)
    now = timezone.now()
    RegistrationFactory(edition=open_edition, status=Status.CONFIRMED, confirmed_at=now)
    RegistrationFactory(
        edition=open_edition,
        status=Status.CONFIRMED,
        confirmed_at=now,
        mode=Registration.Mode.ON_SITE,
        checked_in_at=now,
    )
    RegistrationFactory(
        edition=open_edition,
        status=Status.CONFIRMED,
        confirmed_at=now,
        checked_in_at=now - datetime.timedelta(days=3),
    )
    RegistrationFactory(
        edition=open_edition,
        status=Status.WAITLISTED,
        confirmed_at=now,
        waitlisted_at=now,
        mode=Registration.Mode.ONLINE,
    )

    page = _home(organizer_client)

    assert _text(page.get_element_by_id("organizer-home-title")) == str(open_edition)
    assert _figures(page) == {
        "All registrations": "4",
        "Checked in today": "1",
        "On the waitlist": "1",
    }
    assert _table(page, "By status")["Confirmed"] == 3
    assert _table(page, "By participation") == {"On-site": 3, "Online": 1}
    # Every task one click away, above the stock list of models.
    links = {_text(a): a.get("href") for a in _within(page, "organizer-tasks", "a")}
    assert links["Registrations"] == (
        f"/admin/attendees/registration/?edition__id__exact={open_edition.pk}"
    )
    assert links["Check-in desk"] == "/checkin/"
    assert (
        links["Statistics"] == f"/admin/attendees/registration/statistics/?year={open_edition.year}"
    )
    assert links["Import a schedule"] == f"/admin/events/edition/{open_edition.pk}/import-schedule/"
    for label in ["Program", "Sub-forums and their sessions", "Speakers", "Export registrations"]:
        assert label in links
    content = lxml.html.tostring(page, encoding="unicode")
    assert content.index("organizer-tasks") < content.index('class="app-')


def test_every_task_link_opens(organizer_client, open_edition):
    page = _home(organizer_client)
    for link in _within(page, "organizer-tasks", "a"):
        assert organizer_client.get(link.get("href")).status_code == 200, link.get("href")


def test_another_edition_is_one_click_away(organizer_client, open_edition):
    older = EditionFactory(year=2019, is_published=False)
    page = _home(organizer_client)
    assert f"?edition={older.pk}" in _hrefs(page, "organizer-editions")

    page = _home(organizer_client, f"?edition={older.pk}")
    assert _text(page.get_element_by_id("organizer-home-title")) == str(older)
    assert "not published yet" in _text(page.find_class("organizer-home-state")[0])
    # An unpublished edition has no public program to link to yet.
    assert "Public program" not in [_text(a) for a in _within(page, "organizer-tasks", "a")]
    # Not an id: the current edition, not an error.
    page = _home(organizer_client, "?edition=abc")
    assert _text(page.get_element_by_id("organizer-home-title")) == str(open_edition)


def test_staff_see_only_the_tasks_they_may_do(client, open_edition):
    client.force_login(UserFactory(is_staff=True))
    page = _home(client)
    # The public program is public: the only link left.
    assert [_text(a) for a in _within(page, "organizer-tasks", "a")] == ["Public program"]
    assert page.find_class("organizer-figures") == []


def test_without_any_edition_the_home_offers_to_prepare_one(organizer_client):
    page = _home(organizer_client)
    assert _text(page.get_element_by_id("organizer-home-title")) == "No edition yet"
    assert "/admin/events/edition/add/" in _hrefs(page, "organizer-editions")


def test_a_new_edition_starts_with_the_series_place_and_clock_of_the_shown_one(
    organizer_client, open_edition
):
    page = _home(organizer_client)
    add_url = next(h for h in _hrefs(page, "organizer-editions") if "/edition/add/" in h)
    form = lxml.html.fromstring(organizer_client.get(add_url).content)
    assert form.get_element_by_id("id_series").value == str(open_edition.series_id)
    assert form.get_element_by_id("id_city_en").value == open_edition.city_en
    assert form.get_element_by_id("id_time_zone").value == open_edition.time_zone


@pytest.mark.parametrize("size", [2, 40])
def test_the_home_costs_the_same_queries_whatever_the_size(
    organizer_client, open_edition, django_assert_num_queries, size
):
    now = timezone.now()
    for year in range(2000, 2000 + size // 4):
        EditionFactory(year=year)
    for n in range(size):
        RegistrationFactory(
            edition=open_edition,
            status=[Status.CONFIRMED, Status.WAITLISTED][n % 2],
            confirmed_at=now,
            waitlisted_at=now if n % 2 else None,
            mode=[Registration.Mode.ON_SITE, Registration.Mode.ONLINE][n % 3 == 0],
        )
    organizer_client.get("/admin/")  # the session and permission caches warm
    # Session, user, its permissions and its groups', the editions, the figures, recent actions.
    with django_assert_num_queries(7):
        organizer_client.get("/admin/")


def test_the_registrations_list_shows_the_check_in_time(organizer_client, open_edition):
    checked_in_at = datetime.datetime(2031, 5, 4, 1, 30, tzinfo=datetime.UTC)
    RegistrationFactory(
        edition=open_edition,
        status=Status.CONFIRMED,
        confirmed_at=checked_in_at,
        checked_in_at=checked_in_at,
    )
    page = organizer_client.get("/admin/attendees/registration/")
    assert page.status_code == 200
    # On the edition's clock (Asia/Shanghai, UTC+8), not an icon.
    assert "2031-05-04 09:30" in page.content.decode()
    assert "icon-yes.svg" not in page.content.decode()


def test_the_home_speaks_chinese(organizer_client, open_edition, settings):
    organizer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = _home(organizer_client)
    assert "今日签到" in _text(page)
    assert "签到台" in [_text(a) for a in _within(page, "organizer-tasks", "a")]
