"""The address a request comes from: one answer for login lockouts and for rate limits.

django-axes (AXES_CLIENT_IP_CALLABLE) and django-ratelimit (RATELIMIT_IP_META_KEY) both call
`client_ip`, so a visitor locked out of the admin and one limited on the registration form are
the same visitor, whatever proxies stand in front of the site.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the address the outermost one saw.

    Each proxy appends to X-Forwarded-For the address it received the request from, so the
    entry that many places from the end was written by a proxy the site trusts. Entries further
    left come from the client, who may write anything there: they are never used.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote_addr
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Not through the expected chain of proxies (a health check on the loopback address).
        return remote_addr
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
