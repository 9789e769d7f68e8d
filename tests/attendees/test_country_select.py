"""The registration form's country drop-downs: django-countries' widget, written by one template.

The widget's template writes each option in its loop instead of including Django's option
template 250 times; what a visitor gets must be what Django's own select template gives.
"""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation
from django_countries.widgets import LazySelect

from attendees.forms import RegistrationForm

pytestmark = pytest.mark.django_db


def select(html: str, name: str) -> lxml.html.HtmlElement:
    [element] = lxml.html.fromstring(html).xpath(f'//select[@name="{name}"]')
    return element


def described(element: lxml.html.HtmlElement) -> tuple:
    """A select as a browser sees it: its attributes, and each option's value, label, state."""
    return (
        dict(element.attrib),
        [
            (option.get("value"), option.text_content(), option.get("selected") is not None)
            for option in element.iter("option")
        ],
    )


def as_django_writes_it(field) -> lxml.html.HtmlElement:
    """The same bound field through django-countries' widget with Django's own templates."""
    stock = LazySelect(attrs=field.field.widget.attrs)
    stock.choices = field.field.widget.choices
    stock.is_required = field.field.widget.is_required
    return select(field.as_widget(widget=stock), field.html_name)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("data", [None, {"country": "CN", "nationality": "<b>"}])
def test_the_country_fields_read_as_djangos_own_select(open_edition, language, data):
    with translation.override(language):
        form = RegistrationForm(data, edition=open_edition)
        form.is_valid()
        for name in ["country", "nationality"]:
            ours = select(str(form[name]), name)
            assert described(ours) == described(as_django_writes_it(form[name]))


def test_the_form_keeps_the_chosen_country_and_marks_the_invalid_one(client, open_edition):
    response = client.post(
        reverse("attendees:register", kwargs={"year": open_edition.year}),
        {"country": "CN", "nationality": "not-a-country", "needs_visa_letter": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    attributes, options = described(select(html, "country"))
    assert [value for value, _, chosen in options if chosen] == ["CN"]
    assert ("CN", "China", True) in options
    attributes, options = described(select(html, "nationality"))
    assert attributes["aria-invalid"] == "true"
    assert not [value for value, _, chosen in options if chosen]
