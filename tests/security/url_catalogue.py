"""Every URL pattern of the project as a concrete address, built from real objects.

Shared by the authorization walk and the malformed-URL crawler: both walk
``get_resolver().url_patterns`` recursively, so a new pattern is covered (or must be listed
in ``SKIPPED`` with a reason) without anyone remembering to add it.
"""

import dataclasses
import datetime
import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern
from post_office.models import Email

from attendees import links, tasks
from attendees.models import IssuedDocument, Registration
from attendees.models.documents import DocumentKind
from cooperation.models import CooperationItem, MeetingBooking, MeetingRequest
from events.models import ScheduleImport, Session
from tests.events.test_public_pages import build_conference
from tests.factories import (
    CooperationItemFactory,
    MeetingSessionFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    UserFactory,
)

# Regex patterns that are not walked, and why.
SKIPPED = {
    # Static/media file serving (django.views.static.serve): files, not pages.
    r"^media/(?P<path>.*)$": "media file serving",
    # The admin's catch-all only redirects unknown addresses to the login or a 404.
    r"(?P<url>.*)$": "admin catch-all (final_catch_all_view)",
}

# Regex patterns given one concrete address by hand ({pk} is the model's first object).
REGEX_ADDRESSES = {
    r"^api/(?:.*/)?$": "api/nonexistent/",
    r"^([^/]+)/history/([^/]+)/$": "{pk}/history/{history_id}/",
    r"^(?P<pk>\d+)/image/(?P<content_id>[0-9a-f]{32})$": "1/image/" + "0" * 32,
    (
        r"^(?P<app_label>auth|post_office|axes|django_tasks_database|events|attendees"
        r"|cooperation)/$"
    ): "events/",
}

# Admin addresses anyone may open.
PUBLIC_ADMIN_NAMES = {"login", "logout"}
# Staff pages outside /admin/.
STAFF_NAMES = {"check_in", "news_preview", "desk", "mark_held"}

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclasses.dataclass(frozen=True)
class Address:
    url: str
    name: str | None
    kind: str  # "staff", "personal" (needs the attendee's token) or "public"
    route: str  # the pattern with its parameters, for mutating them
    parameters: tuple  # ((converter, name), ...)
    values: tuple  # the real value of each parameter, as text


def fill(route: str, values) -> str:
    """The address of ``route`` with its parameters replaced by ``values``, in order."""
    values = iter(values)
    return "/" + PARAMETER.sub(lambda _: next(values), route)


@dataclasses.dataclass
class Conference:
    edition: object
    registration: Registration
    other: Registration
    document: IssuedDocument
    user: object


def build_world() -> Conference:
    edition = build_conference(5)
    forum = edition.sub_forums.order_by("pk").first()
    registration = RegistrationFactory(
        edition=edition,
        status="confirmed",
        mode="online",
        sub_forums=[forum],
        needs_visa_letter=True,
        nationality="FR",
        passport_number="PASSPORT-ONE-4711",
        date_of_birth=datetime.date(1980, 1, 2),
        email="secret.attendee.one@example.org",
    )
    other = RegistrationFactory(
        edition=edition,
        needs_visa_letter=True,
        nationality="DE",
        passport_number="PASSPORT-TWO-0815",
        date_of_birth=datetime.date(1981, 3, 4),
        email="secret.attendee.two@example.org",
    )
    document = IssuedDocument.objects.create(
        kind=DocumentKind.CERTIFICATE,
        registration=registration,
        edition=edition,
        holder_initials="A. N.",
    )
    user = UserFactory(username="walker")
    RegistrationSettingsFactory(edition=edition)
    # An outbox message, so the post_office admin's preview and image views have an object, and
    # the task sending it, for the task queue's admin.
    message = Email.objects.create(
        from_email="conference@example.org",
        to=[registration.email],
        subject="Your registration",
        message=f"Passport {registration.passport_number}",
        html_message=f"<p>Passport {registration.passport_number}</p>",
    )
    tasks.deliver_email.enqueue(message.pk)
    # A schedule upload waiting for the worker, for the import status page.
    ScheduleImport.objects.create(
        edition=edition,
        kind="preview",
        file_name="schedule.xml",
        upload=b"<schedule/>",
        upload_size=11,
        language="en",
        messages_language="en",
        requested_by=user,
    )
    # A published offer of the attendee's, its contact person being the attendee: the board's
    # pages must never show it.
    CooperationItemFactory(
        edition=edition,
        owner=registration,
        contact_name=registration.name,
        contact_email=registration.email,
        topics=list(edition.topics.all()[:1]),
    )
    # A meeting about it, booked, so that the answer, calendar and desk addresses have objects.
    item = CooperationItem.objects.get(owner=registration)
    partner = RegistrationFactory(edition=edition, status="confirmed", email="partner@example.org")
    meeting_request = MeetingRequest.objects.create(item=item, requester=partner, status="accepted")
    session = MeetingSessionFactory(edition=edition)
    MeetingBooking.objects.create(
        request=meeting_request, session=session, slot_start=session.starts_at, table=1
    )
    return Conference(edition, registration, other, document, user)


def _walk(patterns, chain=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, (*chain, pattern))
        else:
            yield (*chain, pattern)


def _admin_model(routes):
    """The model whose ModelAdmin owns an address under admin/<app>/<model>/."""
    if len(routes) >= 2 and routes[0] == "admin/" and routes[1].count("/") == 2:
        app_label, model_name, _ = routes[1].split("/")
        try:
            return apps.get_model(app_label, model_name)
        except LookupError:
            return None
    return None


def _first_pk(model):
    obj = model._default_manager.order_by("pk").first() if model else None
    return obj.pk if obj else 1


def _value(converter, name, url_name, model, world):
    edition = world.edition
    if name == "year":
        return edition.year
    if name == "token":
        if url_name == "confirm":
            return links.confirmation_token(world.registration)
        return links.manage_token(world.registration)
    if name == "serial":
        return world.document.display_serial
    if name == "language":
        return "en"
    if name == "kind":
        return "meeting"
    if name == "section":
        return "sessions"
    if name == "day":
        return edition.start_date.isoformat()
    if name == "run_id":
        return _first_pk(ScheduleImport)
    if name == "content_type_id":
        return ContentType.objects.get_for_model(type(edition)).pk
    if name == "object_id" and url_name == "view_on_site":
        return edition.pk
    if name in ("object_id", "id") and model is not None:
        return _first_pk(model)
    if name == "id" and url_name == "auth_user_password_change":
        return world.user.pk
    if name in ("pk", "id"):
        if url_name == "join":
            return world.registration.sub_forums.first().pk
        if url_name == "attendees_issueddocument_pdf":
            return world.document.pk
        if url_name == "close_item":
            return CooperationItem.objects.filter(owner=world.registration).first().pk
        if url_name in ("accept_meeting", "decline_meeting", "cancel_meeting"):
            return MeetingRequest.objects.order_by("pk").first().pk
        if url_name == "mark_held":
            return MeetingBooking.objects.order_by("pk").first().pk
        return Session.objects.filter(edition=edition).order_by("pk").first().pk
    if name == "slug":
        if url_name in ("sub_forum", "sub_forum_ical"):
            return edition.sub_forums.order_by("pk").first().slug
        if url_name in ("speaker", "get_speaker"):
            session = Session.objects.filter(edition=edition).order_by("pk").first()
            return session.speakers.order_by("pk").first().slug
        if url_name in ("news_detail", "news_preview", "get_news"):
            return edition.news.order_by("pk").first().slug
        if url_name == "page":
            return "about"
        if url_name == "edition_page":
            return "venue"

        if url_name in ("item", "ask_meeting"):
            return CooperationItem.objects.filter(edition=edition).order_by("pk").first().slug
    raise AssertionError(f"no value for <{converter}:{name}> in {url_name}: map it or skip it")


def addresses(world: Conference, languages=None) -> list[Address]:
    languages = languages or [code for code, _ in settings.LANGUAGES]
    found = {}
    for chain in _walk(get_resolver().url_patterns):
        url_name = chain[-1].name
        has_locale = any(isinstance(p.pattern, LocalePrefixPattern) for p in chain)
        for language in languages if has_locale else [None]:
            routes, parameters, skip = [], [], False
            for element in chain:
                pattern = element.pattern
                if isinstance(pattern, LocalePrefixPattern):
                    default = language == settings.LANGUAGE_CODE
                    routes.append("" if default else f"{language}/")
                elif isinstance(pattern, RegexPattern):
                    regex = str(pattern)
                    if regex in SKIPPED:
                        skip = True
                        break
                    if regex not in REGEX_ADDRESSES:
                        raise AssertionError(f"unmapped regex pattern {regex!r}: map it or skip it")
                    routes.append(REGEX_ADDRESSES[regex])
                else:
                    routes.append(str(pattern))
            if skip:
                continue
            model = _admin_model(routes)
            route = "".join(routes)
            if "{pk}" in route:
                history = model.history.order_by("history_id").first() if model else None
                route = route.format(
                    pk=_first_pk(model), history_id=history.history_id if history else 1
                )
            parameters = tuple(
                (m["converter"] or "str", m["name"]) for m in PARAMETER.finditer(route)
            )
            values = tuple(
                str(_value(converter, name, url_name, model, world))
                for converter, name in parameters
            )
            url = fill(route, values)
            if routes[0] == "admin/":
                kind = "public" if url_name in PUBLIC_ADMIN_NAMES else "staff"
            elif url_name in STAFF_NAMES:
                kind = "staff"
            elif any(name == "token" for _, name in parameters):
                kind = "personal"
            else:
                kind = "public"
            found[url] = Address(url, url_name, kind, route, parameters, values)
    return list(found.values())
