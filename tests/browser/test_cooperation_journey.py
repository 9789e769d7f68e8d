"""The cooperation board the whole way in Chromium, in English and in Chinese.

An attendee registers, confirms and publishes a need (English); an organizer approves it in the
admin; a second attendee (Chinese) finds it by focus field and search and asks for a meeting;
the owner accepts; both see the booked slot on their personal pages and in their calendars;
the desk marks the meeting held.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from playwright.sync_api import expect

from attendees import links, services
from attendees.models import Registration
from cooperation.models import CooperationItem, MeetingBooking
from events.models import Edition
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: F401  (same launch as every page)
from tests.browser.test_registration import confirmation_path
from tests.factories import MeetingSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "board-test-password-7351"
NEED_TITLE = "Sensor data for blast furnace models"


@pytest.fixture
def edition_2022(demo):
    call_command("load_demo", "--open-registration", verbosity=0)
    return Edition.objects.get(year=2022)


def new_context(browser, language):
    context = browser.new_context(
        locale="zh-CN" if language == "zh-hans" else "en-US", timezone_id="Asia/Shanghai"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def log_in(page, base, username, next_path):
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[type=submit], button[type=submit]").first.click()


def test_publish_approve_find_ask_accept_and_hold_a_meeting(browser, live_server, edition_2022):
    base = live_server.url
    session = MeetingSessionFactory(edition=edition_2022, tables=5)
    topic = edition_2022.topics.order_by("order", "pk").first()

    # 1. An attendee registers in English and confirms from the email link.
    owner_context, owner = new_context(browser, "en")
    owner.goto(f"{base}/2022/register/")
    owner.get_by_label("Name", exact=True).fill("Wang Jianguo")
    owner.get_by_label("Email", exact=True).fill("wang@example.org")
    owner.get_by_label("Organization", exact=True).fill("Northeastern University")
    owner.get_by_label("Type of organization").select_option(label="University")
    owner.get_by_label("Country or region").select_option(label="China")
    owner.get_by_label("Category").select_option(label="Expert or scholar")
    owner.get_by_label("On-site").check()
    owner.get_by_label(re.compile("I have read the privacy notice")).check()
    owner.get_by_role("button", name="Submit registration").click()
    expect(owner.get_by_role("heading", name="Check your email")).to_be_visible()
    owner.goto(base + confirmation_path("wang@example.org"))
    expect(owner.locator(".registration-status")).to_contain_text("Confirmed")
    owner_page_url = owner.url

    # 2. ... and publishes a need from the personal page.
    owner.get_by_role("link", name="Publish an offer or a need").click()
    owner.locator("input[name=kind][value=need]").check()
    owner.locator("select[name=category]").select_option("research_problem")
    owner.locator("input[name=title_en]").fill(NEED_TITLE)
    owner.locator("textarea[name=description_en]").fill("Ten years of furnace sensor data.")
    owner.locator(f"input[name=topics][value='{topic.pk}']").check()
    owner.locator("form button[type=submit]").last.click()
    expect(owner.get_by_text("The organizers review your entry")).to_be_visible()
    item = CooperationItem.objects.get(title_en=NEED_TITLE)
    assert item.status == CooperationItem.Status.SUBMITTED

    # 3. An organizer approves it in the admin.
    get_user_model().objects.create_superuser("organizer", "org@example.org", PASSWORD)
    admin_context, admin = new_context(browser, "en")
    log_in(admin, base, "organizer", "/admin/cooperation/cooperationitem/")
    admin.locator(f"input[name=_selected_action][value='{item.pk}']").check()
    admin.locator("select[name=action]").select_option("publish")
    admin.locator("button[name=index]").click()
    item.refresh_from_db()
    assert item.status == CooperationItem.Status.PUBLISHED

    # 4. A second attendee, in Chinese, finds it by focus field and search and asks to meet.
    requester = services.confirm_email(
        registration=services.register(
            edition=edition_2022,
            details={
                "name": "Li Na",
                "name_original": "李娜",
                "email": "li.na@example.org",
                "organization": "东北大学",
                "organization_type": Registration.OrganizationType.UNIVERSITY,
                "country": "CN",
                "category": Registration.Category.POSTGRADUATE,
                "mode": Registration.Mode.ON_SITE,
            },
            sub_forums=[],
            language="zh-hans",
        )[0]
    )
    requester_context, visitor = new_context(browser, "zh-hans")
    with_language = {"language": "zh-hans"}
    from django.utils import translation

    with translation.override(**with_language):
        requester_page_url = base + links.manage_path(requester)
    visitor.goto(requester_page_url)
    expect(visitor.locator("html")).to_have_attribute("lang", re.compile("zh"))
    visitor.goto(f"{base}/zh-hans/2022/cooperation/")
    visitor.locator("select[name=topic]").select_option(str(topic.pk))
    visitor.locator("input[name=q]").fill("blast furnace")
    visitor.locator("form.filters button[type=submit]").click()
    visitor.get_by_role("link", name=NEED_TITLE).click()
    visitor.locator(".item-detail__contact a.button").click()
    visitor.locator("textarea[name=message]").fill("我们研究高炉数字孪生，希望交流。")
    visitor.locator("form.form button[type=submit]").click()
    expect(visitor).to_have_url(re.compile(r"/zh-hans/2022/registration/[^/]+/$"))

    # 5. The owner accepts on the personal page.
    owner.goto(owner_page_url)
    meetings = owner.locator("section[aria-labelledby=meetings-title]")
    expect(meetings).to_contain_text("Li Na")
    expect(meetings).not_to_contain_text("li.na@example.org")
    meetings.locator("form[action$='/accept/'] button").click()

    # 6. Both see the slot and each other's contact, and get it in their calendars.
    booking = MeetingBooking.objects.get()
    start = booking.slot_start.astimezone(edition_2022.tzinfo)
    meetings = owner.locator("section[aria-labelledby=meetings-title]")
    expect(meetings.locator(".meeting__slot")).to_contain_text("Hall B")
    expect(meetings).to_contain_text("li.na@example.org")
    visitor.goto(requester_page_url)
    visitor_meetings = visitor.locator("section[aria-labelledby=meetings-title]")
    expect(visitor_meetings.locator(".meeting__slot")).to_contain_text("B厅")
    expect(visitor_meetings).to_contain_text("wang@example.org")
    for person in (owner, visitor):
        calendar = person.locator("a[href$='meetings.ics']").get_attribute("href")
        body = person.request.get(base + calendar).text()
        assert f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}" in body

    # 7. The desk marks the meeting as held; the personal page says so.
    desk = get_user_model().objects.create_user("desk", password=PASSWORD, is_staff=True)
    desk.user_permissions.add(
        Permission.objects.get(content_type__app_label="cooperation", codename="mark_meeting_held")
    )
    desk_context, desk_page = new_context(browser, "en")
    log_in(desk_page, base, "desk", f"/2022/cooperation/desk/meetings/?day={start.date()}")
    row = desk_page.locator("tr", has_text=NEED_TITLE)
    row.get_by_role("button", name=re.compile("Mark as held")).click()
    expect(desk_page.locator("tr", has_text=NEED_TITLE)).to_contain_text("Held")
    booking.refresh_from_db()
    assert booking.held_at is not None
    owner.goto(owner_page_url)
    expect(owner.locator(".meeting__slot")).to_contain_text("Held")
    assert session.bookings.count() == 1
    assert datetime.timedelta(0) < booking.slot_start - booking.created_at

    for context in (owner_context, admin_context, requester_context, desk_context):
        context.close()
