"""Organizer pages belong to the series (/about/) or to one edition (/2022/venue/); the frame of
every page (header, menu, footer) follows the edition being viewed."""

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

from events.models import Edition
from tests.factories import EditionFactory, OrganizationFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    old = EditionFactory(year=2019, short_title_en="Shenyang 2019")
    new = EditionFactory(year=2024, short_title_en="Shenyang 2024", is_current=True)
    PageFactory(slug="about", title_en="About the series")
    PageFactory(slug="venue", title_en="Venue 2019", edition=old, body_en="<p>Old campus</p>")
    PageFactory(slug="venue", title_en="Venue 2024", edition=new, body_en="<p>New campus</p>")
    return old, new


def menu(client, path):
    page = lxml_html.fromstring(client.get(path).content)
    full = page.xpath("//div[contains(@class,'main-nav__full')]")[0]
    return {a.text_content().strip(): a.get("href") for a in full.xpath(".//a")}


def test_edition_page_lives_under_its_year(client, editions):
    response = client.get("/2019/venue/")
    assert response.status_code == 200
    assert "Old campus" in response.content.decode()
    assert "New campus" in client.get("/2024/venue/").content.decode()


def test_unprefixed_address_leads_to_the_current_editions_page(client, editions):
    response = client.get("/venue/")
    assert response.status_code == 302 and response["Location"] == "/2024/venue/"
    assert client.get("/zh-hans/venue/")["Location"] == "/zh-hans/2024/venue/"


def test_series_page_stays_at_its_address(client, editions):
    assert "About the series" in client.get("/about/").content.decode()


def test_a_page_no_edition_has_is_a_404(client, editions):
    assert client.get("/contact/").status_code == 404
    assert client.get("/2020/venue/").status_code == 404


def test_menu_and_header_follow_the_viewed_edition(client, editions):
    old_menu = menu(client, "/2019/program/")
    assert old_menu["Program"] == "/2019/program/"
    assert old_menu["Venue 2019"] == "/2019/venue/"
    assert "Venue 2024" not in old_menu and old_menu["About the series"] == "/about/"
    content = client.get("/2019/").content.decode()
    header = lxml_html.fromstring(content).xpath("//a[@class='site-name']/text()")
    assert header == ["Shenyang 2019"]
    assert "Shenyang 2024" not in content
    assert "You are viewing the 2019 edition." in content
    current = menu(client, "/news/")
    assert current["Venue 2024"] == "/2024/venue/" and current["Program"] == "/2024/program/"


def test_a_slug_is_unique_within_the_series_and_within_an_edition(editions):
    old, _new = editions
    with pytest.raises(ValidationError):
        PageFactory.build(slug="about").validate_constraints()
    with pytest.raises(ValidationError):
        PageFactory.build(slug="venue", edition=old).validate_constraints()
    PageFactory.build(slug="about", edition=old).validate_constraints()


def test_an_edition_page_cannot_take_an_address_of_the_edition(editions):
    old, _new = editions
    with pytest.raises(ValidationError):
        PageFactory.build(slug="program", edition=old).clean()


def test_footer_names_the_host_and_links_contact_and_languages(client, editions):
    _old, new = editions
    new.host = OrganizationFactory(name_en="Northeastern University")
    new.save()
    PageFactory(slug="contact", title_en="Contact 2024", edition=new, in_menu=False)
    footer = lxml_html.fromstring(client.get("/").content).xpath("//footer")[0]
    text = footer.text_content()
    assert "Northeastern University" in text
    assert footer.xpath(".//a[@href='/2024/contact/']")
    assert footer.xpath(".//a[@lang='zh-hans']")


@pytest.mark.parametrize("size", [1, 20])
def test_edition_page_query_count_is_constant(
    page_cache_off, client, editions, size, django_assert_num_queries
):
    old = Edition.objects.get(year=2019)
    for i in range(size):
        PageFactory(slug=f"extra-{i}", edition=old)
    with django_assert_num_queries(3):
        assert client.get("/2019/venue/").status_code == 200
