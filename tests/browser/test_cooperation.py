"""The cooperation board in Chromium: publish from the personal page, moderate in the admin,
find by filter and search, in both languages; and axe on the board's pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from playwright.sync_api import expect

from attendees import links, services
from attendees.models import Registration
from cooperation.models import CooperationItem
from events.models import Edition
from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

ORGANIZER_PASSWORD = "board-test-password-7315"
PAGES = [
    "/2022/cooperation/",
    "/2022/cooperation/?kind=need&q=steel",
    "/2022/cooperation/partner-for-a-hydrogen-direct-reduction-pilot/",
    "/zh-hans/2022/cooperation/",
    "/zh-hans/2022/cooperation/pilot-plant-for-powder-metallurgy-and-additive-manufacturing/",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_board_has_no_serious_accessibility_violation(page, demo, live_server, path):
    page.goto(live_server.url + path)
    assert_accessible(page)


@pytest.fixture
def edition_2022(demo):
    call_command("load_demo", "--open-registration", verbosity=0)
    return Edition.objects.get(year=2022)


def confirmed(edition, *, name, email, language):
    registration, _created = services.register(
        edition=edition,
        details={
            "name": name,
            "email": email,
            "organization": "Sample Special Steel Company",
            "organization_type": Registration.OrganizationType.ENTERPRISE,
            "country": "CN",
            "category": Registration.Category.INDUSTRY,
            "mode": Registration.Mode.ON_SITE,
        },
        sub_forums=edition.sub_forums.none(),
        language=language,
    )
    return services.confirm_email(registration=registration)


def test_a_need_goes_from_the_personal_page_to_the_board(live_server, page, edition_2022):
    owner = confirmed(
        edition_2022, name="Wang Fang", email="wang.fang@example.org", language="zh-hans"
    )
    # The owner publishes in Chinese, from the personal page's link.
    with_language = links.manage_path(owner, "attendees:manage")
    page.goto(live_server.url + "/zh-hans" + with_language.removeprefix("/zh-hans"))
    page.get_by_role("link", name="发布供给或需求").click()
    page.get_by_role("radio", name="需求").check()
    page.get_by_label("合作类别").select_option(label="仪器设备")
    page.get_by_label("中文标题").fill("需要板坯钢高温共聚焦显微镜机时")
    page.get_by_label("英文标题").fill("Confocal microscope time for slab steel")
    page.get_by_label("冶金与金属材料").check()
    page.get_by_label("关键词").fill("共聚焦, microscopy")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("感谢提交")).to_be_visible()
    expect(page.get_by_text("待审核")).to_be_visible()
    item = CooperationItem.objects.get(owner=owner)
    assert item.status == CooperationItem.Status.SUBMITTED

    # An organizer publishes it from the moderation queue.
    organizer = get_user_model().objects.create_user(
        "moderator", password=ORGANIZER_PASSWORD, is_staff=True
    )
    organizer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cooperation",
            codename__in=[
                "view_cooperationitem",
                "change_cooperationitem",
                "moderate_cooperationitem",
            ],
        )
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/cooperation/cooperationitem/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(ORGANIZER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Moderation queue (1 waiting)").click()
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_label("Action:").select_option(label="Publish the selected items")
    page.get_by_title("Run the selected action").click()
    expect(page.get_by_text("1 item published.")).to_be_visible()

    # A visitor finds it by filter and by search, in English and in Chinese.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/2022/cooperation/")
    page.get_by_label("Offer or need", exact=True).select_option(label="Need")
    page.get_by_label("Focus field", exact=True).select_option(
        label="Metallurgy and Metal Materials"
    )
    page.get_by_label("Search", exact=True).fill("confocal slab")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 offer or need")).to_be_visible()
    page.get_by_role("link", name="Confocal microscope time for slab steel").click()
    expect(
        page.get_by_role("heading", name="Confocal microscope time for slab steel")
    ).to_be_visible()
    expect(page.get_by_text("wang.fang@example.org")).to_have_count(0)
    page.goto(f"{live_server.url}/zh-hans/2022/cooperation/?q=板坯钢")
    expect(page.get_by_role("link", name="需要板坯钢高温共聚焦显微镜机时")).to_be_visible()
