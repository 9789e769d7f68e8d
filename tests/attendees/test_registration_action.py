"""Registration in reach: the Register action on home, the edition page, the program and the
menu while registration is open; its date otherwise; the waitlist once on-site seats are full."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from attendees.models import Registration
from tests.factories import SHANGHAI, OpenEditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime.now(tz=SHANGHAI)


def pages(edition):
    translation.activate("en")  # a Chinese request leaves Chinese active on this thread
    return [
        "/",
        reverse("events:edition", kwargs={"year": edition.year}),
        reverse("events:program", kwargs={"year": edition.year}),
    ]


def register_url(edition):
    translation.activate("en")
    return reverse("attendees:register", kwargs={"year": edition.year})


@pytest.mark.parametrize("prefix,label", [("", "Register now"), ("/zh-hans", "立即报名")])
def test_open_registration_is_one_click_away_in_both_languages(client, prefix, label):
    edition = OpenEditionFactory(is_current=True)
    for path in pages(edition):
        html = client.get(prefix + path).text
        assert (
            f'class="button button--register" href="{prefix}{register_url(edition)}">{label}</a>'
            in html
        ), path
        # and in the menu, on every page
        assert f'class="main-nav__register" href="{prefix}{register_url(edition)}"' in html


def test_before_registration_opens_the_pages_give_the_date(client):
    edition = OpenEditionFactory(
        is_current=True,
        registration_opens=NOW + datetime.timedelta(days=3),
        registration_closes=NOW + datetime.timedelta(days=30),
    )
    for path in pages(edition):
        html = client.get(path).text
        assert "Registration opens on" in html, path
        assert register_url(edition) not in html


def test_after_registration_closes_the_pages_say_when(client):
    edition = OpenEditionFactory(
        is_current=True,
        registration_opens=NOW - datetime.timedelta(days=30),
        registration_closes=NOW - datetime.timedelta(days=1),
    )
    for path in pages(edition):
        html = client.get(path).text
        assert "Registration closed on" in html, path
        assert register_url(edition) not in html


def test_full_on_site_seats_announce_the_waitlist(client):
    edition = OpenEditionFactory(is_current=True, on_site_capacity=2)
    home = pages(edition)[1]
    RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    assert "join the waitlist" not in client.get(home).text
    RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    assert "join the waitlist" in client.get(home).text
    assert "现场参会名额已满" in client.get("/zh-hans" + home).text
    # Still open: people may register for the waitlist.
    assert register_url(edition) in client.get(home).text


@pytest.mark.parametrize("registrations", [1, 20])
def test_the_waitlist_notice_costs_one_query_whatever_the_registrations(
    page_cache_off, client, registrations, django_assert_num_queries
):
    edition = OpenEditionFactory(is_current=True, on_site_capacity=5)
    RegistrationFactory.create_batch(
        registrations, edition=edition, status=Registration.Status.CONFIRMED
    )
    url = pages(edition)[1]
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
