"""Phones and desktops: no public page scrolls sideways on a 360 or 390 px screen, the menu folds
into one control on narrow screens (without JavaScript) and keeps to one line at 1280 px."""

import re
import urllib.request
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NARROW = [360, 390]


def _locs(url: str) -> list[str]:
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the test's own live server)
        tree = ElementTree.fromstring(response.read())
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


def sitemap_paths(live_server) -> list[str]:
    """Every address the sitemap lists, in both languages, as paths on the live server."""
    paths = []
    for section in _locs(live_server.url + "/sitemap.xml"):
        section_path = re.sub(r"^https?://[^/]+", "", section)
        for loc in _locs(live_server.url + section_path):
            paths.append(re.sub(r"^https?://[^/]+", "", loc))
    return sorted(set(paths))


def test_no_public_page_scrolls_sideways_on_a_phone(live_server, browser, demo):
    paths = sitemap_paths(live_server)
    assert "/2022/" in paths and "/zh-hans/2022/" in paths and "/2022/venue/" in paths
    # The demo's board and its items' pages, in both languages.
    board = [path for path in paths if "/2022/cooperation/" in path]
    assert "/2022/cooperation/" in board and "/zh-hans/2022/cooperation/" in board
    assert len(board) == 2 * (1 + 8)
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=True)
    page = context.new_page()
    too_wide = []
    try:
        for path in paths:
            page.goto(live_server.url + path)
            for width in NARROW:
                page.set_viewport_size({"width": width, "height": 800})
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    too_wide.append((path, width, scroll_width))
    finally:
        context.close()
    assert too_wide == []


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_menu_folds_into_one_control_on_a_phone_without_javascript(
    live_server, browser, demo, language
):
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{language}/2022/")
        nav = page.get_by_role("navigation", name=re.compile("^(Main|主导航)$"))
        program = nav.locator(".main-nav__compact a[href$='/2022/program/']")
        expect(program).to_be_hidden()
        nav.locator(".main-nav__compact > summary").click()
        expect(program).to_be_visible()
        program.click()
        expect(page).to_have_url(re.compile(r"/2022/program/$"))
    finally:
        context.close()


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_desktop_menu_keeps_to_one_line(live_server, browser, demo, language):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{language}/2022/")
        expect(page.locator(".main-nav__compact")).to_be_hidden()
        tops = page.eval_on_selector_all(
            ".main-nav__full .site-menu > li", "items => items.map(i => i.offsetTop)"
        )
        assert len(tops) >= 7 and len(set(tops)) == 1
        page.locator(".site-menu__more summary").click()
        expect(page.locator(".site-menu__more a[href$='/2022/venue/']")).to_be_visible()
    finally:
        context.close()
