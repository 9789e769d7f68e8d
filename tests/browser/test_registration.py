"""Registration journeys in Chromium: register, confirm from the email link, cancel, check in."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from post_office.models import Email

from attendees import links, services, tickets
from attendees.models import Registration
from events.models import Edition

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_PASSWORD = "desk-test-password-4821"


@pytest.fixture
def edition_2022(demo):
    """The demo's 2022 edition, open for registration as `make run` opens it."""
    call_command("load_demo", "--open-registration", verbosity=0)
    return Edition.objects.get(year=2022)


@pytest.fixture
def confirmed_registration(edition_2022):
    """An on-site attendee of the metallurgy sub-forum whose place is confirmed."""
    registration, _created = services.register(
        edition=edition_2022,
        details={
            "name": "Li Wei",
            "name_original": "李伟",
            "email": "li.wei@example.org",
            "organization": "Northeastern University",
            "organization_type": Registration.OrganizationType.UNIVERSITY,
            "country": "CN",
            "category": Registration.Category.POSTGRADUATE,
            "mode": Registration.Mode.ON_SITE,
        },
        sub_forums=edition_2022.sub_forums.filter(slug="metallurgy"),
        language="en",
    )
    return services.confirm_email(registration=registration)


def confirmation_path(address: str) -> str:
    """The path of the confirmation link in the message the outbox holds for ``address``."""
    message = Email.objects.get(to=address, subject__icontains="confirm")
    return re.search(r"https?://[^/\s]+(/\S*/confirm/\S+/)", message.message).group(1)


def test_a_visitor_registers_and_confirms_from_the_email_link(live_server, page, edition_2022):
    page.goto(f"{live_server.url}/2022/register/")
    page.get_by_label("Name", exact=True).fill("Anna Ivanova")
    page.get_by_label("Email", exact=True).fill("Anna.Ivanova@example.org")
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
    expect(page.get_by_text("anna.ivanova@example.org")).to_be_visible()

    page.goto(live_server.url + confirmation_path("anna.ivanova@example.org"))

    expect(page).to_have_url(re.compile(r"/2022/registration/[^/]+/$"))
    expect(page.get_by_text("your email address is confirmed")).to_be_visible()
    expect(page.locator(".registration-status")).to_contain_text("Confirmed")
    expect(page.get_by_role("heading", name="Your ticket")).to_be_visible()
    expect(page.locator(".ticket__qr img")).to_be_visible()
    registration = Registration.objects.get(email="anna.ivanova@example.org")
    expect(page.locator(".ticket__code")).to_contain_text(tickets.display_code(registration))


def test_an_attendee_cancels_from_the_personal_page(live_server, page, confirmed_registration):
    page.goto(live_server.url + links.manage_path(confirmed_registration))
    expect(page.locator(".registration-status")).to_contain_text("Confirmed")

    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="Cancel your registration?")).to_be_visible()
    page.get_by_label("Yes, I am sure.").check()
    page.get_by_role("button", name="Cancel my registration").click()

    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(page.locator(".registration-status")).to_contain_text("Cancelled")
    expect(page.get_by_role("heading", name="Your ticket")).to_have_count(0)
    confirmed_registration.refresh_from_db()
    assert confirmed_registration.status == Registration.Status.CANCELLED


def test_the_desk_checks_an_attendee_in_and_warns_on_a_second_scan(
    live_server, page, confirmed_registration
):
    # Created here: the Check-in desk group comes from a data migration that transactional
    # tests flush away; the permission itself is recreated after every flush.
    desk = get_user_model().objects.create_user("desk", password=STAFF_PASSWORD, is_staff=True)
    desk.user_permissions.add(
        Permission.objects.get(content_type__app_label="attendees", codename="can_check_in")
    )
    code = tickets.display_code(confirmed_registration)

    page.goto(f"{live_server.url}/admin/login/?next=/checkin/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Check-in", exact=True)).to_be_visible()

    page.get_by_label("Ticket code").fill(code)
    page.get_by_role("button", name="Check in", exact=True).click()

    result = page.get_by_role("alert")
    expect(result.get_by_role("heading", name="Checked in", exact=True)).to_be_visible()
    # The name in Chinese characters first, the Latin one beside it (English page too).
    expect(result.locator(".checkin__name")).to_have_text("李伟 Li Wei")
    expect(result).to_contain_text("Metallurgy and Metal Materials")

    page.get_by_label("Ticket code").fill(code.lower())
    page.get_by_role("button", name="Check in", exact=True).click()

    confirmed_registration.refresh_from_db()
    first = timezone.localtime(
        confirmed_registration.checked_in_at, confirmed_registration.edition.tzinfo
    )
    expect(result.get_by_role("heading", name="Already checked in")).to_be_visible()
    expect(result).to_contain_text(f"first checked in at {first:%H:%M}")
    expect(result).to_contain_text("By desk.")
