"""axe reports no serious or critical violation on the main public pages, in both languages."""

import pytest

from tests.browser.accessibility import assert_accessible

PAGES = ["/", "/2022/", "/2022/program/", "/news/", "/zh-hans/", "/zh-hans/2022/program/"]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, demo, live_server, path):
    page.goto(live_server.url + path)
    assert_accessible(page)


# An edition's own page and a past edition (its frame and notice), on a phone with the menu open.
PHONE_PAGES = ["/2022/venue/", "/zh-hans/2019/", "/archive/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_page_with_the_menu_open_has_no_serious_accessibility_violation(
    browser, demo, live_server, path
):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    phone = context.new_page()
    try:
        phone.goto(live_server.url + path)
        phone.locator(".main-nav__compact > summary").click()
        assert_accessible(phone)
    finally:
        context.close()
