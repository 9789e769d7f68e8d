"""The signed personal links an attendee receives: confirm the email, and manage the registration.

Both carry the registration's id and its `access_secret`, signed with the site's key and a
purpose-specific salt, so one kind of link cannot be used as the other. The confirmation link
expires (``ATTENDEES_CONFIRMATION_MAX_AGE``); the personal link does not, but replacing the
registration's access secret revokes every link sent so far.
"""

import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from .models import Registration

CONFIRM_SALT = "attendees.links.confirm-email"
MANAGE_SALT = "attendees.links.manage"


class InvalidLink(Exception):
    """The link was tampered with, revoked, or its registration no longer exists."""


class ExpiredLink(InvalidLink):
    """The link was genuine but is too old."""


def confirmation_token(registration: Registration) -> str:
    # Timestamped, so that it can expire.
    payload = [registration.pk, registration.access_secret]
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload)


def manage_token(registration: Registration) -> str:
    # Not timestamped: the personal link never expires, so it stays the same address every time
    # it is shown or sent (a bookmark keeps working, and pages can be compared).
    return signing.Signer(salt=MANAGE_SALT).sign_object(
        [registration.pk, registration.access_secret]
    )


def _load(token: str, *, salt: str, year: int, max_age=None) -> Registration:
    try:
        if max_age is None:
            pk, secret = signing.Signer(salt=salt).unsign_object(token)
        else:
            pk, secret = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink from error
    registration = (
        Registration.objects.select_related("edition").filter(pk=pk, edition__year=year).first()
    )
    if registration is None or not hmac.compare_digest(str(secret), registration.access_secret):
        raise InvalidLink
    return registration


def registration_to_confirm(token: str, *, year: int) -> Registration:
    return _load(
        token, salt=CONFIRM_SALT, year=year, max_age=settings.ATTENDEES_CONFIRMATION_MAX_AGE
    )


def registration_to_manage(token: str, *, year: int) -> Registration:
    return _load(token, salt=MANAGE_SALT, year=year)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def confirmation_url(registration: Registration) -> str:
    """The absolute link for emails, in the attendee's language."""
    with translation.override(registration.language):
        path = reverse(
            "attendees:confirm",
            kwargs={"year": registration.edition.year, "token": confirmation_token(registration)},
        )
    return absolute(path)


def manage_path(registration: Registration, name: str = "attendees:manage", **kwargs) -> str:
    """The personal page (or one of its parts) in the active language."""
    return reverse(
        name,
        kwargs={"year": registration.edition.year, "token": manage_token(registration), **kwargs},
    )


def manage_url(registration: Registration, name: str = "attendees:manage") -> str:
    """The absolute link to the personal page (or one of its parts), in the attendee's language."""
    with translation.override(registration.language):
        return absolute(manage_path(registration, name))


# The personal link also stands for the attendee in this browser until the session ends, so
# that pages outside it (a cooperation item's "ask for a meeting") know who is asking. The
# session holds the registration and a digest of its access secret: replacing the secret,
# which revokes the links, revokes this too.
SESSION_KEY = "attendees.personal_link"


def _secret_digest(registration: Registration) -> str:
    return salted_hmac(MANAGE_SALT, registration.access_secret).hexdigest()


def remember_in_session(request, registration: Registration) -> None:
    entry = {"registration": registration.pk, "digest": _secret_digest(registration)}
    if request.session.get(SESSION_KEY) != entry:
        request.session.cycle_key()
        request.session[SESSION_KEY] = entry


def remembered_registration(request, *, year: int) -> Registration | None:
    """The registration whose personal link was opened in this browser, for ``year``, or None."""
    entry = request.session.get(SESSION_KEY)
    if not isinstance(entry, dict):
        return None
    registration = (
        Registration.objects.select_related("edition")
        .filter(pk=entry.get("registration"), edition__year=year)
        .first()
    )
    if registration is None or not hmac.compare_digest(
        str(entry.get("digest")), _secret_digest(registration)
    ):
        return None
    return registration
