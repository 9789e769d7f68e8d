"""axe reports no serious or critical violation on the main public pages, in both languages."""

import pytest

from tests.browser.accessibility import assert_accessible

PAGES = ["/", "/2022/", "/2022/program/", "/news/", "/zh-hans/", "/zh-hans/2022/program/"]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, demo, live_server, path):
    page.goto(live_server.url + path)
    assert_accessible(page)
