"""NUL bytes in the address, the query string or a form field: a translated 400, site-wide.

PostgreSQL refuses NUL in any text it compares (psycopg raises DataError): before the
middleware (conference_site/nul_bytes.py), `?status__exact=a%00b` on the registrations list was
a 500, and so was every choice, country and relation filter of the admin and its autocomplete.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from attendees.models import Registration
from tests.factories import (
    OpenEditionFactory,
    RegistrationFactory,
    SubForumFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/attendees/registration/"


@pytest.fixture
def organizer(client):
    client.force_login(UserFactory(username="organizer", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def conference(db):
    edition = OpenEditionFactory(is_current=True)
    forum = SubForumFactory(edition=edition)
    RegistrationFactory(edition=edition, sub_forums=[forum])
    return edition, forum


def assert_refused(response, language="en"):
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("Invalid request") in html


ADMIN_QUERIES = [
    # a choice, a country, a relation, a many-to-many, a boolean filter, the search, the date
    # hierarchy and the ordering, and a filter's parameter name itself
    "status__exact=a%00b",
    "country=C%00N",
    "edition__id__exact=1%00",
    "sub_forums__id__exact=%00",
    "needs_visa_letter__exact=%00",
    "q=Ada%00Lovelace",
    "created_at__year=2%00",
    "o=1%00",
    "status__exact%00=confirmed",
]


@pytest.mark.postgres
@pytest.mark.parametrize("query", ADMIN_QUERIES)
def test_admin_changelist_filters_refuse_nul_bytes(organizer, conference, query):
    assert_refused(organizer.get(f"{REGISTRATIONS}?{query}"))


@pytest.mark.postgres
def test_every_admin_changelist_refuses_nul_bytes_in_its_filters(organizer, conference):
    answers = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        # every filter the list offers, each given a value with a NUL in it
        params = "&".join(f"{name}=x%00" for name in _filter_parameters(model_admin, model))
        answers[url] = organizer.get(f"{url}?q=%00&{params}").status_code
    assert set(answers.values()) == {400}, answers


def _filter_parameters(model_admin, model):
    for item in model_admin.list_filter:
        field = item[0] if isinstance(item, tuple) else item
        if isinstance(field, str):
            yield f"{field}__exact"
        else:
            yield field.parameter_name


@pytest.mark.postgres
def test_admin_autocomplete_refuses_nul_bytes(organizer, conference):
    query = "term=a%00b&app_label=attendees&model_name=registration&field_name=edition"
    assert_refused(organizer.get(f"{reverse('admin:autocomplete')}?{query}"))


@pytest.mark.postgres
def test_admin_forms_refuse_nul_bytes(organizer, conference):
    registration = Registration.objects.get()
    url = reverse("admin:attendees_registration_change", args=[registration.pk])
    assert_refused(organizer.post(url, {"name": "Ada\x00Lovelace"}))
    registration.refresh_from_db()
    assert "\x00" not in registration.name


@pytest.mark.postgres
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_refuse_nul_bytes_in_their_language(client, conference, language):
    edition, _ = conference
    prefix = "" if language == "en" else "/zh-hans"
    assert_refused(client.get(f"{prefix}/{edition.year}/program/?day=%00"), language)
    assert_refused(client.get(f"{prefix}/news/?page=1%00"), language)
    if language == "zh-hans":
        assert "请求无效" in client.get("/zh-hans/news/?page=%00").content.decode()


@pytest.mark.postgres
def test_public_forms_refuse_nul_bytes_and_write_nothing(client, conference):
    edition, forum = conference
    before = Registration.objects.count()
    url = reverse("attendees:register", kwargs={"year": edition.year})
    response = client.post(url, {"name": "Ada\x00Lovelace", "email": "ada@example.org"})
    assert_refused(response)
    assert Registration.objects.count() == before


def test_nul_bytes_in_the_address_are_refused(client, conference):
    assert_refused(client.get("/news/a%00b/"))


def test_requests_without_nul_bytes_pass(organizer, conference):
    assert organizer.get(f"{REGISTRATIONS}?status__exact=confirmed&q=Ada").status_code == 200
