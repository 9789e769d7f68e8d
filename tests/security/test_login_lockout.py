"""Login lockout (django-axes) on the admin's login, which the check-in desk uses too."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each attempt checks a password: the production hasher would make these tests slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organizer(db):
    return UserFactory(username="organizer", is_staff=True, is_superuser=True)


def log_in(client, password=PASSWORD, *, username="organizer", address="203.0.113.9", **extra):
    data = {"username": username, "password": password}
    return client.post(extra.pop("path", LOGIN), data, REMOTE_ADDR=address, **extra)


def fail_until_locked(client, **kwargs):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "wrong", **kwargs)
    return response


def test_failures_below_the_limit_only_show_the_form_again(client, organizer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client).status_code == 302


def test_the_last_allowed_failure_locks_even_the_right_password_out(client, organizer):
    assert fail_until_locked(client).status_code == 429
    response = log_in(client)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_lockout_page_is_translated(client, organizer, language):
    fail_until_locked(client)
    response = log_in(client, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        assert translation.gettext("Login locked") in html


def test_the_check_in_desks_login_is_locked_out_the_same_way(client, organizer):
    next_checkin = f"{LOGIN}?next={reverse('attendees:check_in')}"
    assert fail_until_locked(client, path=next_checkin).status_code == 429
    assert log_in(client, path=next_checkin).status_code == 429


def test_the_same_username_from_another_address_may_still_log_in(client, organizer):
    fail_until_locked(client, address="203.0.113.9")
    assert log_in(client, address="198.51.100.7").status_code == 302


def test_another_username_from_the_locked_address_may_still_log_in(client, organizer):
    UserFactory(username="colleague", is_staff=True)
    fail_until_locked(client)
    assert log_in(client, username="colleague").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_locked(client, organizer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    fail_until_locked(client, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = log_in(client, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = log_in(client, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert (locked.status_code, other.status_code) == (429, 302)


def test_the_lockout_ends_after_the_cool_off(client, organizer):
    fail_until_locked(client)
    later = datetime.datetime.now(tz=datetime.UTC) + settings.AXES_COOLOFF_TIME
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert log_in(client).status_code == 302


@pytest.mark.parametrize(
    "command", [("axes_reset",), ("axes_reset_username", "organizer")], ids=lambda c: c[0]
)
def test_a_command_lifts_the_lockout(client, organizer, command):
    fail_until_locked(client)
    call_command(*command, verbosity=0)
    assert log_in(client).status_code == 302


def test_superusers_see_the_lockout_in_the_admin(client, organizer):
    fail_until_locked(client, username="desk")
    assert AccessAttempt.objects.filter(username="desk").exists()
    client.force_login(organizer)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "desk" in response.content.decode()


# An over-long username made django-axes fail writing its record of the failure (a column of 255
# characters): a 500 on PostgreSQL. Every login form, the admin's and the check-in desk's, must
# answer it with the form's usual error.
@pytest.mark.parametrize("length", [255, 256, 1000, 100_000])
@pytest.mark.parametrize("path", [LOGIN, f"{LOGIN}?next={reverse('attendees:check_in')}"])
def test_an_over_long_username_gets_the_usual_form_error(client, organizer, length, path):
    response = log_in(client, username="u" * length, path=path)
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert AccessAttempt.objects.get().username == "u" * min(length, 255)


def test_over_long_usernames_are_still_locked_out(client, organizer):
    fail_until_locked(client, username="u" * 300)
    assert log_in(client, username="u" * 300).status_code == 429


# Guessing spread over many addresses: each address stays under the per-address limit, the
# account's own limit (higher) stops it.
def fail_from_many_addresses(client, count):
    """`count` wrong passwords, each from its own address; the status codes of the answers."""
    return [
        log_in(client, "wrong", address=f"198.51.100.{number + 1}").status_code
        for number in range(count)
    ]


def test_failures_from_many_addresses_lock_the_account(client, organizer):
    assert settings.AXES_ACCOUNT_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    answers = fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT)
    assert answers == [200] * (settings.AXES_ACCOUNT_FAILURE_LIMIT - 1) + [429]
    response = log_in(client, address="192.0.2.200")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "from several addresses" in html
    assert "ask an administrator of the site to lift the lock now" in html


def test_the_account_lockout_page_is_translated(client, organizer):
    fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT)
    html = log_in(client, address="192.0.2.200", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "该账户已从多个网络地址多次登录失败" in html


def test_one_failure_fewer_than_the_account_limit_does_not_lock_it(client, organizer):
    assert set(fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT - 1)) == {200}
    assert log_in(client, address="192.0.2.200").status_code == 302


def test_the_account_lockout_leaves_other_accounts_alone(client, organizer):
    UserFactory(username="colleague", is_staff=True)
    fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT)
    assert log_in(client, username="colleague", address="192.0.2.200").status_code == 302


def test_an_organizer_lifts_the_account_lockout(client, organizer):
    fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT)
    assert log_in(client, address="192.0.2.200").status_code == 429
    call_command("axes_reset_username", "organizer", verbosity=0)
    assert log_in(client, address="192.0.2.200").status_code == 302


def test_the_account_lockout_ends_after_the_cool_off(client, organizer):
    fail_from_many_addresses(client, settings.AXES_ACCOUNT_FAILURE_LIMIT)
    later = datetime.datetime.now(tz=datetime.UTC) + settings.AXES_COOLOFF_TIME
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert log_in(client, address="192.0.2.200").status_code == 302
