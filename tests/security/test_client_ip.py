"""Which address a request counts as: the same for login lockouts and rate limits."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from conference_site.client_ip import client_ip


def request(remote_addr="203.0.113.9", forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="198.51.100.7")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", forwarded="198.51.100.7")) == "198.51.100.7"


def test_addresses_the_client_wrote_itself_are_never_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = request("10.0.0.2", forwarded="1.2.3.4, 198.51.100.7")
    assert client_ip(forged) == "198.51.100.7"


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    chain = request("10.0.0.3", forwarded="1.2.3.4, 198.51.100.7, 10.0.0.2")
    assert client_ip(chain) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", " , "])
def test_a_missing_or_broken_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", forwarded=forwarded)) == "10.0.0.2"


def test_ipv6_addresses_are_normalized(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", forwarded="2001:DB8:0:0::1")) == "2001:db8::1"


def test_lockouts_and_rate_limits_ask_the_same_function():
    assert settings.AXES_CLIENT_IP_CALLABLE == "conference_site.client_ip.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "conference_site.client_ip.client_ip"
