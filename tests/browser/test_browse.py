"""The main visitor and organizer journeys on the conference site, in Chromium."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from events.models import Session

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_browses_home_program_sub_forum_speaker_and_news(live_server, page, demo):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("2022 International Conference")
    expect(page.get_by_text("Jointly Building").first).to_be_visible()
    expect(page.get_by_text("300+").first).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Program").click()
    expect(page).to_have_url(re.compile(r"/2022/program/$"))
    expect(page.get_by_role("heading", name="Opening Ceremony")).to_be_visible()
    expect(page.get_by_text("All times are in Asia/Shanghai").first).to_be_visible()

    page.get_by_role("link", name="Metallurgy and Metal Materials").first.click()
    expect(page).to_have_url(re.compile(r"/2022/sub-forums/metallurgy/$"))
    expect(page.locator("h1")).to_have_text("Metallurgy and Metal Materials")

    page.get_by_role("link", name="Dr. Thomas Sample").first.click()
    expect(page).to_have_url(re.compile(r"/2022/speakers/[\w-]+/$"))
    expect(page.locator("h1")).to_contain_text("Thomas Sample")
    expect(page.get_by_text("Clean Steel Production").first).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    page.get_by_role("link", name=re.compile("Held at NEU")).first.click()
    expect(page.locator("h1")).to_contain_text("Held at NEU")
    expect(page.get_by_text("Lei Chang, Yuhui Wang")).to_be_visible()


def test_program_shows_visitor_local_time_where_zone_differs(live_server, page, demo):
    # The page fixture's browser runs in Europe/Paris: 09:00 in Shanghai is 02:00 in Paris.
    page.goto(live_server.url + "/2022/program/")
    expect(page.get_by_text(re.compile(r"02:00.02:30 your time, Europe/Paris"))).to_be_visible()


def test_switching_language_stays_on_the_same_page(live_server, page, demo):
    page.goto(live_server.url + "/2022/program/?sub_forum=metallurgy")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/2022/program/\?sub_forum=metallurgy$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("link", name="冶金与金属材料分论坛").first).to_be_visible()

    page.locator("a[hreflang=en][lang=en]").click()
    expect(page).to_have_url(re.compile(r"/2022/program/\?sub_forum=metallurgy$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_organizer_edit_in_admin_shows_on_the_program(live_server, page, demo):
    # The Organizers group's permissions are tested in tests/events/test_admin.py; the group
    # itself comes from a data migration that earlier transactional tests flushed away.
    get_user_model().objects.create_superuser(
        "organizer", "organizer@example.org", "organizer-test-password"
    )
    session = Session.objects.get(title_en="Opening Ceremony")

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill("organizer-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/events/session/{session.pk}/change/")
    page.locator("#id_title_en").fill("Opening Ceremony and Welcome Address")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/2022/program/")
    expect(page.get_by_role("heading", name="Opening Ceremony and Welcome Address")).to_be_visible()
