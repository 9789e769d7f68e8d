"""The staff side and the forms behind a CSRF token, fuzzed on PostgreSQL (hypothesis): no 500.

test_hostile_input.py feeds the public forms; this file reaches what it could not: every admin
list's filters, search, sorting and paging as an organizer, the admin's login, the check-in desk
and the personal page's forms, each posted with a valid CSRF token by a client that enforces
it, as a browser would. PostgreSQL is where such input failed (NUL bytes, over-long values), so
these run there (marker postgres). Every answer must be below 500; a NUL anywhere is the site's
400 page (conference_site/nul_bytes.py).
"""

import re
import urllib.parse

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from attendees import links, services
from tests.factories import RegistrationFactory, UserFactory

from .test_hostile_input import PERSONAL_FORMS, conference, form_value, mutated, refused_for_nul
from .url_catalogue import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

__all__ = ["conference"]  # the fixture, shared with the public forms' fuzzer

PASSWORD = "a-long-test-password"
# A few examples per target: the file runs in well under a minute on a shared machine.
FEW = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONG_USERNAMES = ["u" * 256, "长" * 300, "organizer" + "x" * 5_000]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


def csrf_client(page: str, user=None) -> tuple[Client, str]:
    """A client that enforces CSRF as a browser does, and the token of `page`'s form."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    return client, CSRF_INPUT.search(response.content.decode()).group(1)


def with_token(token: str):
    """Mostly the page's token; sometimes a missing or altered one (a 403, never a 500)."""
    return st.one_of(
        st.just({"csrfmiddlewaretoken": token}),
        st.just({"csrfmiddlewaretoken": token}),
        st.just({"csrfmiddlewaretoken": token}),
        st.just({}),
        form_value.map(lambda value: {"csrfmiddlewaretoken": value}),
    )


# --- every admin list: filters, search, sorting, paging -----------------------------------------


@pytest.fixture
def organizer_client(db):
    world = build_world()
    client = Client()
    client.force_login(UserFactory(username="organizer", is_staff=True, is_superuser=True))
    return world, client


def list_parameters(html: str) -> list[dict]:
    """The query of every link of the list's own (filters, sorting, date hierarchy, pages)."""
    queries = [{"q": "x"}]
    for link in QUERY_LINK.findall(html):
        query = urllib.parse.parse_qs(link[1:].replace("&amp;", "&"), keep_blank_values=True)
        if query:
            queries.append({name: values[-1] for name, values in query.items()})
    return queries


@pytest.fixture
def admin_lists(organizer_client):
    """Every registered ModelAdmin's list address, with the queries of its own links."""
    _world, client = organizer_client
    lists = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(url)
        assert page.status_code == 200, url
        lists[url] = list_parameters(page.content.decode())
    return client, lists


@settings(FEW, max_examples=5)
@given(data=st.data())
def test_admin_lists_answer_any_filter_search_and_order(admin_lists, data):
    """Each example sends one mutated query to every list of the admin."""
    client, lists = admin_lists
    for url, known in lists.items():
        names = sorted({name for query in known for name in query} | {"o", "p", "all", "e"})
        query = data.draw(mutated(data.draw(st.sampled_from(known)), names))
        response = client.get(url, query)
        event(f"status {response.status_code}")
        if refused_for_nul(response, query):
            continue
        # 302: the admin's own answer to a lookup it cannot apply (?e=1)
        assert response.status_code in (200, 302, 400), (url, query, response.status_code)


# --- the admin's login ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["real", "hostile", "over-long"])
@FEW
@given(data=st.data())
def test_the_admin_login_answers_any_credentials(db, kind, data):
    organizer = UserFactory(username="organizer", is_staff=True, is_superuser=True)
    login = reverse("admin:login")
    page = data.draw(st.sampled_from([login, f"{login}?next={reverse('attendees:check_in')}"]))
    client, token = csrf_client(page)
    usernames = {
        "real": st.just(organizer.username),
        "hostile": form_value,
        # longer than django-axes' column (255 characters): a 500 on PostgreSQL, once
        "over-long": st.sampled_from(LONG_USERNAMES),
    }
    form = data.draw(mutated({"password": PASSWORD}, ["next", "this_is_the_login_form"]))
    form["username"] = data.draw(usernames[kind])
    form.update(data.draw(with_token(token)))
    address = data.draw(st.sampled_from(["203.0.113.9", "198.51.100.7"]))
    response = client.post(page, form, REMOTE_ADDR=address)
    event(f"status {response.status_code}")
    if refused_for_nul(response, form):
        return
    # the form again (200), logged in (302), no valid token (403), locked out (429)
    assert response.status_code in (200, 302, 403, 429), response.status_code


# --- the check-in desk --------------------------------------------------------------------------


@FEW
@given(data=st.data())
def test_the_check_in_desk_answers_any_code_behind_its_token(conference, data):
    edition, _forums = conference
    desk = UserFactory(username="desk", is_staff=True)
    desk.user_permissions.add(Permission.objects.get(codename="can_check_in"))
    registration = services.confirm_email(registration=RegistrationFactory(edition=edition))
    client, token = csrf_client(reverse("attendees:check_in"), desk)
    form = data.draw(mutated({"code": registration.ticket_code}))
    form.update(data.draw(with_token(token)))
    response = client.post(reverse("attendees:check_in"), form)
    event(f"status {response.status_code}")
    if refused_for_nul(response, form):
        return
    assert response.status_code in (200, 403), response.status_code


# --- the personal page's forms ------------------------------------------------------------------


@pytest.mark.parametrize("action", sorted(PERSONAL_FORMS))
@FEW
@given(data=st.data())
def test_the_personal_page_forms_answer_anything_behind_their_token(conference, action, data):
    edition, forums = conference
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=edition, sub_forums=[forums[1]])
    )
    kwargs = {"year": edition.year, "token": links.manage_token(registration)}
    client, token = csrf_client(reverse("attendees:manage", kwargs=kwargs))
    valid = dict(PERSONAL_FORMS[action])
    if action == "change_sub_forums":
        valid["sub_forums"] = [forums[0].pk]
    form = data.draw(mutated(valid))
    form.update(data.draw(with_token(token)))
    response = client.post(reverse(f"attendees:{action}", kwargs=kwargs), form)
    event(f"status {response.status_code}")
    if refused_for_nul(response, form):
        return
    # done (302), refused with the reason on the page (400, 409), no valid token (403)
    assert response.status_code in (302, 400, 403, 409), response.status_code
