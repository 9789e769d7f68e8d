"""An organizer in Chromium at 1280 px: preparing a new edition from the admin home to a public
program, the rich-text editor under the admin's CSP, and the registrations list's width.

With ``DOCS_SCREENSHOTS=docs/img`` these tests also save the screenshots docs/organizers.md
shows (1280x800, 128-colour PNG); their Chinese text needs a CJK font that Chromium finds
(fonts-wqy-microhei, for example), or it shows as boxes.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from attendees.models import Registration
from events.models import Edition, Session, SubForum
from tests.browser.accessibility import AXE_SOURCE, BLOCKING_IMPACTS, assert_accessible
from tests.factories import (
    EditionFactory,
    RegistrationFactory,
    RoomFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "organizer-test-password-5521"
WIDTH, HEIGHT = 1280, 800

# Recorded before any of the page's own scripts run; read back after each visit.
RECORD_PROBLEMS = """
window.__problems = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__problems.push(`CSP ${event.violatedDirective} ${event.blockedURI}`);
});
window.addEventListener("error", (event) => window.__problems.push(`error ${event.message}`));
"""


def axe_violations_within(page, selectors):
    """Serious and critical axe violations inside the elements ``selectors`` pick."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (include) => await axe.run({include: include.map((s) => [s])},"
        " {resultTypes: ['violations']})",
        selectors,
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


class Journey:
    """The organizer's browser tab, counting what they load and submit."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.page_loads = 0
        self.forms_submitted = 0
        self.console_errors = []
        self.screenshots = os.environ.get("DOCS_SCREENSHOTS", "")
        page.on("load", lambda _page: self._loaded())
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def _loaded(self):
        self.page_loads += 1

    def problems(self):
        return self.page.evaluate("window.__problems") + self.console_errors

    def submit(self, button_name="Save"):
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button_name, exact=True).first.click()
        self.forms_submitted += 1
        expect(self.page.locator(".errornote")).to_have_count(0)

    def follow(self, link_name):
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=link_name, exact=True).first.click()

    def shoot(self, name):
        if not self.screenshots:
            return
        from PIL import Image

        target = Path(self.screenshots) / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(target))
        # A palette of 128 colours is plenty for the admin's flat colours, and a tenth the size.
        with Image.open(target) as image:
            small = image.convert("RGB").quantize(colors=128)
        small.save(target, optimize=True)


@pytest.fixture
def organizer(db):
    # A superuser: the Organizers group is made by data migrations, which the flush of an
    # earlier transactional test may have removed. tests/attendees/test_admin_home.py checks
    # what the group's members see.
    return get_user_model().objects.create_superuser("olga", "olga@example.org", PASSWORD)


@pytest.fixture
def journey(browser, live_server, organizer):
    context = browser.new_context(
        locale="en-US", timezone_id="Europe/Paris", viewport={"width": WIDTH, "height": HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(RECORD_PROBLEMS)
    yield Journey(page, live_server.url)
    context.close()


def log_in(journey, next_path="/admin/"):
    page = journey.page
    page.goto(f"{journey.base_url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    journey.submit("Log in")


def test_an_organizer_prepares_a_new_edition_up_to_its_public_program(journey):
    series = SeriesFactory(slug="icie", name_en="International Conference")
    EditionFactory(series=series, year=2022, is_current=True, time_zone="Asia/Shanghai")
    page = journey.page

    # 1. The admin home opens on the current edition, with a way to prepare the next one.
    log_in(journey)
    expect(page.locator("#organizer-home-title")).to_contain_text("2022")
    assert_accessible(page)
    journey.shoot("admin-home")
    journey.follow("Prepare a new edition")

    # 2. The edition: the series, zone and place come prefilled from the current one.
    expect(page.get_by_role("heading", name="Add edition")).to_be_visible()
    page.locator("#id_year").fill("2026")
    expect(page.locator("#id_year_helptext")).to_contain_text("for example /")
    page.locator("#id_title_en").fill("International Conference 2026")
    page.locator("#id_title_zh_hans").fill("2026国际会议")
    page.locator("#id_start_date").fill("2026-11-20")
    page.locator("#id_end_date").fill("2026-11-21")
    expect(page.locator("#id_city_en")).to_have_value("Shenyang")
    assert page.locator(".timezonewarning:visible").count() == 0
    journey.shoot("edition-form")
    journey.submit("Save")
    edition = Edition.objects.get(year=2026)
    assert (edition.series, edition.is_published) == (series, False)

    # 3. Back on the admin home, the new edition is one click away; add a sub-forum there.
    page.goto(f"{journey.base_url}/admin/?edition={edition.pk}")
    expect(page.locator("#organizer-home-title")).to_contain_text("2026")
    journey.follow("Add a sub-forum")
    page.locator("#id_title_en").fill("Intelligent manufacturing")
    page.locator("#id_title_zh_hans").fill("智能制造")
    expect(page.locator("#id_slug")).to_have_value("intelligent-manufacturing")
    # 4. Its sessions in the same form, without picking the edition again.
    rows = [
        ("Digital twins in steel making", "钢铁生产中的数字孪生", "09:00", "09:45"),
        ("Robots on the shop floor", "车间里的机器人", "10:00", "10:45"),
    ]
    for index, (title_en, title_zh, start, end) in enumerate(rows):
        if index:
            page.get_by_role("button", name="Add another Session").click()
        page.locator(f"#id_sessions-{index}-title_en").fill(title_en)
        page.locator(f"#id_sessions-{index}-title_zh_hans").fill(title_zh)
        page.locator(f"#id_sessions-{index}-start_0").fill("2026-11-20")
        page.locator(f"#id_sessions-{index}-start_1").fill(start)
        page.locator(f"#id_sessions-{index}-end_0").fill("2026-11-20")
        page.locator(f"#id_sessions-{index}-end_1").fill(end)
    # The form fits the screen beside the admin's menu.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # What this project adds to the page; Django's own widgets (select2, the two-list picker)
    # are left to Django.
    assert axe_violations_within(page, ["#sessions-group", ".prose-editor"]) == []
    page.locator("#sessions-group").scroll_into_view_if_needed()
    journey.shoot("sub-forum-sessions")
    journey.submit("Save")
    sub_forum = SubForum.objects.get(edition=edition)
    assert Session.objects.filter(edition=edition, sub_forum=sub_forum).count() == 2

    # 5. Publish: from the admin home, "Edit the edition", tick "Published".
    page.goto(f"{journey.base_url}/admin/?edition={edition.pk}")
    journey.follow("Edit the edition")
    page.get_by_label("Published").check()
    journey.submit("Save")
    assert Edition.objects.get(pk=edition.pk).is_published

    # 6. The public program shows the sessions.
    page.goto(f"{journey.base_url}/2026/program/")
    expect(page.get_by_text("Digital twins in steel making").first).to_be_visible()
    expect(page.get_by_text("Robots on the shop floor").first).to_be_visible()
    journey.shoot("public-program")

    assert journey.problems() == []
    # What docs/organizers.md promises: seven page loads, four forms (the login included).
    assert (journey.page_loads, journey.forms_submitted) == (11, 4)


def test_the_rich_text_editor_loads_under_the_admins_policy_and_saves_sanitized_html(journey):
    edition = EditionFactory(year=2031, description_en="<p>Old text.</p>")
    page = journey.page
    log_in(journey, f"/admin/events/edition/{edition.pk}/change/")

    editor = page.locator(".prose-editor").first
    expect(editor).to_be_visible()
    # The menu bar and the editable area of ProseMirror, the textarea hidden behind it.
    editable = editor.get_by_role("textbox")
    expect(editable).to_contain_text("Old text.")
    editable.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Bold words")
    journey.shoot("rich-text-editor")
    journey.submit("Save")

    edition.refresh_from_db()
    assert "<strong>Bold words</strong>" in edition.description_en
    assert "Old text." in edition.description_en
    assert journey.problems() == []


def test_the_registrations_list_fits_1280_px(journey):
    edition = EditionFactory(year=2031, is_current=True)
    now = timezone.now()
    for n in range(5):
        RegistrationFactory(
            edition=edition,
            name=f"Alexandra Konstantinopoulou-Wielandt {n}",
            email=f"alexandra.konstantinopoulou.{n}@mechanical-engineering.example.org",
            status=Registration.Status.CONFIRMED,
            confirmed_at=now,
            checked_in_at=now - datetime.timedelta(minutes=n) if n % 2 else None,
        )
    log_in(journey, "/admin/attendees/registration/")
    expect(journey.page.locator("#result_list")).to_be_visible()
    widths = journey.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == WIDTH
    assert journey.problems() == []


def test_the_room_search_tells_rooms_of_two_years_apart(journey):
    rooms = {
        year: RoomFactory(edition=EditionFactory(year=year), name_en="Room 101", building_en="")
        for year in (2031, 2032)
    }
    session = SessionFactory(edition=rooms[2031].edition, room=rooms[2031])
    page = journey.page
    log_in(journey, f"/admin/events/session/{session.pk}/change/")

    selection = page.locator("#id_room + .select2 .select2-selection")
    expect(selection).to_contain_text("Room 101 (2031)")
    selection.click()
    page.locator(".select2-search__field").fill("101")
    options = page.locator(".select2-results__option")
    expect(options).to_have_text(["Room 101 (2032)", "Room 101 (2031)"])
    assert journey.problems() == []
