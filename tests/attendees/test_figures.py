"""The home page's headline figures: entered by organizers, else counted from registrations."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from attendees.models import Registration
from attendees.stats import Figure, headline_figures
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def attendees(open_edition, confirmed):
    """Two experts (China, France), one postgraduate (France), and some who do not count."""
    confirmed(edition=open_edition)
    confirmed(edition=open_edition, country="FR")
    confirmed(edition=open_edition, country="FR", category=Registration.Category.POSTGRADUATE)
    RegistrationFactory(edition=open_edition, country="JP")  # unconfirmed
    RegistrationFactory(edition=open_edition, status=Status.CANCELLED, country="US")
    return open_edition


def test_figures_are_counted_from_attendees_holding_a_place(attendees):
    figures = headline_figures(attendees)
    assert figures.countries == Figure(2, entered=False)
    assert figures.experts == Figure(2, entered=False)
    assert figures.postgraduates == Figure(1, entered=False)


def test_a_figure_organizers_entered_wins_over_the_count(attendees):
    attendees.experts_count = 300
    figures = headline_figures(attendees)
    assert figures.experts == Figure(300, entered=True)
    assert figures.postgraduates == Figure(1, entered=False)


def test_an_entered_zero_hides_the_figure(attendees):
    attendees.countries_count = 0
    assert headline_figures(attendees).countries is None


def test_no_attendee_no_figures(open_edition):
    RegistrationFactory(edition=open_edition)  # unconfirmed
    figures = headline_figures(open_edition)
    assert not figures
    assert figures.experts is None


def test_counting_costs_one_query_and_entered_figures_none(attendees):
    with CaptureQueriesContext(connection) as queries:
        headline_figures(attendees)
    assert len(queries) == 1
    attendees.countries_count, attendees.experts_count, attendees.postgraduates_count = 10, 300, 200
    with CaptureQueriesContext(connection) as queries:
        headline_figures(attendees)
    assert len(queries) == 0


def test_the_template_tag_gives_the_figures(attendees):
    template = Template(
        "{% load attendee_figures %}{% registration_figures edition as figures %}"
        "{{ figures.experts.number }}/{{ figures.countries.number }}"
    )
    assert template.render(Context({"edition": attendees})) == "2/2"


def test_the_home_page_shows_counted_figures_without_a_plus(client, attendees):
    html = client.get("/").content.decode()
    assert "The conference in figures" in html
    assert '<span class="figures__number">2</span> <span class="figures__label">experts' in html
    assert (
        '<span class="figures__number">1</span> <span class="figures__label">postgraduate<' in html
    )
    assert '<span class="figures__number">2</span> <span class="figures__label">countries' in html


def test_the_home_page_shows_entered_figures_as_before(client, attendees):
    attendees.experts_count = 300
    attendees.save()
    html = client.get("/").content.decode()
    assert '<span class="figures__number">300+</span>' in html
    assert (
        '<span class="figures__number">1</span> <span class="figures__label">postgraduate<' in html
    )


def test_the_home_page_has_no_figures_before_anyone_registers(client, open_edition):
    assert "The conference in figures" not in client.get("/").content.decode()
