"""Rate limits on the public forms that send email or look documents up (django-ratelimit).

Counters live in Django's cache, so every process shares them when ``CACHE_URL`` is Redis. Each
group's rate comes from ``settings.RATE_LIMITS`` at request time; a request over its limit raises
``Ratelimited``, answered by ``RATELIMIT_VIEW`` with the translated 429 page.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django_ratelimit.decorators import ratelimit

REGISTER = "attendees.register"
RESEND_LINK = "attendees.resend_link"
VERIFY = "attendees.verify"


def configured_rate(group: str, request: HttpRequest) -> str | None:
    return settings.RATE_LIMITS.get(group)


def client_and_email(group: str, request: HttpRequest) -> str:
    """The sender's address and the email the form names, as the registration service compares it.

    An address already registered is emailed its link again, so repeating the form for one email
    is what this limits; keyed on the sender too, so nobody can use up someone else's allowance.
    """
    client = import_string(settings.RATELIMIT_IP_META_KEY)(request)
    email = request.POST.get("email", "").strip().lower()
    return f"{client} {email}"


def limit_registration(view):
    """POSTs per client address, and per client address and email (``RESEND_LINK``)."""
    per_client = ratelimit(group=REGISTER, key="ip", rate=configured_rate, method="POST")
    per_email = ratelimit(
        group=RESEND_LINK, key=client_and_email, rate=configured_rate, method="POST"
    )
    return per_client(per_email(view))


def limit_verification(view):
    """Lookups of a document's serial number per client address: serials are not to be guessed."""
    return ratelimit(group=VERIFY, key="ip", rate=configured_rate)(view)
