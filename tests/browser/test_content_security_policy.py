"""Content-Security-Policy and Permissions-Policy as Chromium applies them.

Nothing the site needs is blocked (its scripts run, the admin's widgets work), an injected script
is, and the camera is for the check-in desk only.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from attendees import links, services
from attendees.models import Registration
from events.models import Edition

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "csp-test-password-7310"

# Recorded before any of the page's own scripts run; read back after each visit.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def attendee(demo):
    call_command("load_demo", "--open-registration", verbosity=0)
    edition = Edition.objects.get(year=2022)
    registration, _created = services.register(
        edition=edition,
        details={
            "name": "Li Wei",
            "email": "li.wei@example.org",
            "organization": "Northeastern University",
            "organization_type": Registration.OrganizationType.UNIVERSITY,
            "country": "CN",
            "category": Registration.Category.POSTGRADUATE,
            "mode": Registration.Mode.ON_SITE,
        },
        sub_forums=[],
        language="en",
    )
    return services.confirm_email(registration=registration)


def log_in(page, base_url, username, next_path):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_public_pages_run_their_scripts_without_any_violation(live_server, csp_page, attendee):
    paths = [
        "/",
        "/zh-hans/",
        "/2022/program/",
        "/2022/speakers/",
        "/2022/sub-forums/",
        "/news/",
        "/2022/register/",
        links.manage_path(attendee),
    ]
    for path in paths:
        csp_page.goto(live_server.url + path)
        csp_page.wait_for_load_state("load")
        assert violations(csp_page) == [], path
    # The personal page's ticket is an SVG data: image the policy lets through.
    expect(csp_page.locator(".ticket__qr img")).to_be_visible()


def test_the_program_script_runs_under_the_policy(live_server, browser, attendee):
    # Seen from Paris, localtime.js adds the visitor's own clock beside Shanghai's times.
    context = browser.new_context(locale="en-US", timezone_id="Europe/Paris")
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server.url}/2022/program/")
    expect(page.locator(".local-time").first).to_be_visible()
    assert violations(page) == []
    context.close()


def test_an_inline_script_would_be_refused(live_server, csp_page, attendee):
    """The policy is really enforced: a script injected into a page does not run."""
    csp_page.goto(f"{live_server.url}/")
    csp_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true;";
          document.body.appendChild(script);
        }"""
    )
    assert csp_page.evaluate("window.__injected === true") is False
    assert any(v.startswith("script-src") for v in violations(csp_page))


def test_the_camera_is_allowed_on_the_check_in_desk_only(live_server, csp_page, attendee):
    desk = get_user_model().objects.create_user("desk", password=PASSWORD, is_staff=True)
    desk.user_permissions.add(
        Permission.objects.get(content_type__app_label="attendees", codename="can_check_in")
    )
    allows_camera = "document.featurePolicy.allowsFeature('camera')"
    csp_page.goto(f"{live_server.url}/")
    assert csp_page.evaluate(allows_camera) is False
    log_in(csp_page, live_server.url, "desk", "/checkin/")
    expect(csp_page.get_by_role("heading", name="Check-in", exact=True)).to_be_visible()
    assert csp_page.evaluate(allows_camera) is True
    assert csp_page.evaluate("document.featurePolicy.allowsFeature('microphone')") is False
    assert violations(csp_page) == []


def test_the_admins_scripts_work_under_the_policy(live_server, csp_page, attendee):
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    log_in(csp_page, live_server.url, "boss", "/admin/events/edition/add/")
    expect(csp_page.get_by_role("heading", name="Add edition")).to_be_visible()
    # DateTimeShortcuts.js adds "Today" beside each date field; clicking it fills the field.
    start_date = csp_page.locator("#id_start_date")
    shortcuts = start_date.locator("xpath=following-sibling::span[@class='datetimeshortcuts']")
    shortcuts.get_by_role("link", name="Today").click()
    # "Today" on the server's clock (TIME_ZONE), which the admin's script is told.
    expect(start_date).to_have_value(timezone.localdate().isoformat())
    assert violations(csp_page) == []
