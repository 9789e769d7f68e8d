"""A visitor's way through the site in Chromium, at a phone's and a desktop's width, in both
languages: registration from the home page, the timetable, starring sessions into My agenda
(kept across a reload), and search."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [390, 1280]
LANGUAGES = {
    "en": {
        "prefix": "",
        "register": "Register now",
        "register_heading": "Register",
        "timetable": "Timetable",
        "add": "Add to my agenda",
        "in_agenda": "In my agenda",
        "agenda": "My agenda",
        "search_button": "Search",
        "query": "metallurgy",
        "found": "Metallurgy and Metal Materials",
        "clean_steel": "Clean Steel Production and Inclusion Control",
        "data_platforms": "Industrial Data Platforms",
    },
    "zh-hans": {
        "prefix": "/zh-hans",
        "register": "立即报名",
        "register_heading": "参会注册",
        "timetable": "日程表",
        "add": "加入我的日程",
        "in_agenda": "已加入我的日程",
        "agenda": "我的日程",
        "search_button": "搜索",
        "query": "冶金",
        "found": "冶金与金属材料",
        "clean_steel": "洁净钢生产与夹杂物控制",
        "data_platforms": "面向中小制造企业的工业数据平台",
    },
}


@pytest.fixture
def open_demo(demo):
    call_command("load_demo", "--open-registration", verbosity=0)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 900})
    return request.param


@pytest.fixture(params=list(LANGUAGES))
def words(request):
    return LANGUAGES[request.param]


def test_a_visitor_finds_registration_from_the_home_page(
    live_server, page, open_demo, width, words
):
    page.goto(live_server.url + words["prefix"] + "/")
    register = page.locator("main").get_by_role("link", name=words["register"])
    expect(register).to_be_visible()
    register.click()
    expect(page).to_have_url(re.compile(r"/2022/register/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["register_heading"])


def test_a_visitor_completes_registration_from_the_home_page(live_server, page, open_demo, width):
    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="Register now").click()
    page.get_by_label("Name", exact=True).fill("Anna Ivanova")
    page.get_by_label("Email", exact=True).fill("anna.ivanova@example.org")
    page.get_by_label("Organization", exact=True).fill("Ural Federal University")
    page.get_by_label("Type of organization").select_option(label="University")
    page.get_by_label("Position").fill("Associate professor")
    page.get_by_label("Country or region").select_option(label="Russia")
    page.get_by_label("Category").select_option(label="Expert or scholar")
    page.get_by_label("On-site").check()
    page.get_by_label("Metallurgy and Metal Materials").check()
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Submit registration").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def test_the_menu_offers_registration_while_it_is_open(live_server, page, open_demo, words):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + words["prefix"] + "/news/")
    expect(page.locator(".main-nav__full a.main-nav__register")).to_have_attribute(
        "href", re.compile(r"/2022/register/$")
    )


def test_a_visitor_reads_the_timetable(live_server, page, demo, width, words):
    page.goto(live_server.url + words["prefix"] + "/2022/program/")
    page.get_by_role("link", name=re.compile(words["timetable"])).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["timetable"])
    table = page.locator("table.timetable").first
    clean_steel = table.get_by_role("link", name=words["clean_steel"])
    platforms = table.get_by_role("link", name=re.compile(words["data_platforms"]))
    expect(clean_steel).to_be_visible()
    expect(platforms).to_be_visible()
    steel_box, platforms_box = clean_steel.bounding_box(), platforms.bounding_box()
    if width >= 1280:
        # Parallel sessions side by side, in one row of the grid.
        assert abs(steel_box["y"] - platforms_box["y"]) < 40
        assert steel_box["x"] != platforms_box["x"]
    else:
        # On a phone, one under the other, and the page does not scroll sideways.
        assert steel_box["y"] != platforms_box["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


def test_starred_sessions_are_in_my_agenda_after_a_reload(live_server, page, demo, width, words):
    page.goto(live_server.url + words["prefix"] + "/2022/program/")
    page.get_by_role(
        "button", name=re.compile(re.escape(words["add"]) + ".*" + words["clean_steel"])
    ).click()
    expect(
        page.get_by_role(
            "button", name=re.compile(re.escape(words["in_agenda"]) + ".*" + words["clean_steel"])
        )
    ).to_have_attribute("aria-pressed", "true")
    page.goto(live_server.url + words["prefix"] + "/2022/timetable/")
    page.get_by_role(
        "button", name=re.compile(re.escape(words["add"]) + ".*" + words["data_platforms"])
    ).click()
    page.reload()
    expect(
        page.get_by_role(
            "button",
            name=re.compile(re.escape(words["in_agenda"]) + ".*" + words["data_platforms"]),
        )
    ).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name=words["agenda"]).first.click()
    expect(page).to_have_url(re.compile(r"/2022/agenda/\?s=\d+,\d+$"))
    main = page.locator("main")
    expect(main.get_by_role("link", name=words["clean_steel"]).first).to_be_visible()
    expect(page.locator("[data-agenda-needs-script]")).to_be_hidden()
    # The two run at the same time: both are marked as clashing.
    expect(page.locator(".agenda-item--clash")).to_have_count(2)
    expect(main.get_by_role("link", name=re.compile(r"iCal"))).to_have_attribute(
        "href", re.compile(r"^webcal://.*/2022/agenda\.ics\?s=\d+,\d+$")
    )
    assert_accessible(page)
    # The agenda page opened bare, after a reload, still finds the choice in this browser.
    page.goto(live_server.url + words["prefix"] + "/2022/agenda/")
    expect(page).to_have_url(re.compile(r"/2022/agenda/\?s=\d+,\d+$"))


def test_a_visitor_searches(live_server, page, demo, width, words):
    page.goto(live_server.url + words["prefix"] + "/search/")
    page.get_by_role("searchbox").fill(words["query"])
    page.get_by_role("searchbox").press("Enter")
    result = page.locator(".search-results a", has_text=words["found"]).first
    expect(result).to_be_visible()
    expect(result.locator("mark").first).to_be_visible()
    assert_accessible(page)


def test_during_the_conference_the_timetable_marks_the_current_and_next_sessions(
    live_server, page, demo
):
    # 13:40 in Shenyang on the first day: the afternoon's first sessions run, the next start 14:10.
    page.clock.set_fixed_time("2022-11-22T05:40:00Z")
    page.goto(live_server.url + "/2022/timetable/")
    now = page.locator("td.timetable__session--now")
    expect(now.filter(has_text="Clean Steel Production")).to_have_count(1)
    expect(now.first.locator(".timetable__badge")).to_have_text("Now")
    expect(
        page.locator("td.timetable__session--next").filter(has_text="Hydrogen-based Reduction")
    ).to_have_count(1)


def test_without_javascript_no_star_button_shows_and_the_agenda_explains(
    live_server, browser, demo
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/2022/program/")
    expect(page.locator("button.agenda-star")).to_have_count(0)
    page.goto(live_server.url + "/2022/agenda/")
    expect(page.get_by_text("Starring sessions needs JavaScript")).to_be_visible()
    context.close()
