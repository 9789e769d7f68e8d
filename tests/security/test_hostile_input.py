"""Every public form and the schedule import, fed random and hostile input (hypothesis).

Huge strings, control characters (NUL included), mixed scripts, emoji, right-to-left marks,
numbers and lists where text is expected, missing fields and fields nobody asked for. Whatever
arrives: never a 5xx; a refusal says why (the form again with its errors, or a 4xx page with a
message); a refusal writes nothing (registrations, outbox, documents, program rows counted
before and after); an acceptance writes exactly what was asked and nothing from the extra
fields.
"""

import contextlib
import io
import json
import zoneinfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from post_office.models import Email

from attendees import links, services, tickets
from attendees.models import IssuedDocument, Registration
from attendees.views.registration import SESSION_EMAIL_KEY
from events.edition_files import build_files
from events.imports import frab
from events.imports.program import import_schedule_file
from events.models import Room, Session, SessionSpeaker, Speaker, SubForum
from tests.events.sample_program import build_program
from tests.events.test_frab_import import copy_target
from tests.factories import (
    OpenEditionFactory,
    RegistrationFactory,
    SessionFactory,
    SubForumFactory,
    UserFactory,
)

# Property-based: the fuzzers are left out of `make test-fast`.
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

COUNTED = (Registration, Email, IssuedDocument, Room, SubForum, Speaker, Session, SessionSpeaker)
PROGRAM = {"Room", "SubForum", "Speaker", "Session"}

HOSTILE = [
    "",
    " ",
    "\x00",
    "Ada\x00Lovelace",
    "\x01\x02\x08\x0b\x0c\x1b[31m\x7f\x85",
    "\r\n\t \u2028\u2029",
    "\u202e\u200f\u200bevil\u202c",
    "\ufeffBOM",
    "😀👩‍🔬🏳️‍🌈🇨🇳",
    "王建国 Ελληνικά العربية עברית हिन्दी",
    "x" * 5_000,
    "長" * 20_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE attendees_registration; --",
    "{{ 7|add:7 }}{% debug %}",
    "None",
    "null",
    "[]",
    "{}",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
    "2022-13-45",
    "0001-01-01",
    "9999-12-31",
    "%00",
    "../../etc/passwd",
    "on",
    "false",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=120))
scalar = st.one_of(text, st.integers(), st.floats(), st.booleans())
form_value = st.one_of(scalar, st.lists(scalar, max_size=3))
field_name = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x2FFF, exclude_characters='"\\'),
    min_size=1,
    max_size=20,
)

# Few examples per test: the whole file runs in well under a minute on a shared machine.
FORMS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def mutated(draw, valid: dict, extra_names=()):
    """``valid`` with up to three fields replaced or dropped, and maybe some fields added."""
    data = dict(valid)
    for name in draw(st.lists(st.sampled_from(sorted(valid)), max_size=3, unique=True)):
        if draw(st.booleans()):
            data[name] = draw(form_value)
        else:
            del data[name]
    names = st.sampled_from(list(extra_names)) | field_name if extra_names else field_name
    for name in draw(st.lists(names, max_size=3, unique=True)):
        data.setdefault(name, draw(form_value))
    return data


def sends_nul(data: dict) -> bool:
    for name, value in data.items():
        values = value if isinstance(value, list | tuple) else [value]
        if "\x00" in str(name) or any("\x00" in str(item) for item in values):
            return True
    return False


def refused_for_nul(response, data: dict) -> bool:
    """The site refuses every NUL before any view sees it (conference_site/nul_bytes.py)."""
    if not sends_nul(data):
        return False
    assert response.status_code == 400, response.status_code
    assert "Invalid request" in response.content.decode()
    return True


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in COUNTED}


def posted(data: dict, name: str) -> str | None:
    """What a form reads from ``data[name]``: the last value sent, as text."""
    value = data.get(name)
    if isinstance(value, list):
        value = value[-1] if value else None
    return None if value is None else str(value)


def snapshot(registration: Registration) -> dict:
    row = Registration.objects.filter(pk=registration.pk).values().get()
    row["sub_forums"] = set(registration.sub_forums.values_list("pk", flat=True))
    return row


# --- the registration form ------------------------------------------------------------------------

# Columns a visitor must not set by adding fields to the form.
PRIVILEGED = [
    "status",
    "ticket_code",
    "access_secret",
    "role",
    "checked_in_at",
    "email_confirmed_at",
    "confirmed_at",
    "edition",
    "language",
    "anonymized_at",
    "csrfmiddlewaretoken",
]


@pytest.fixture
def conference(db):
    edition = OpenEditionFactory(is_current=True)
    forums = [SubForumFactory(edition=edition) for _ in range(2)]
    SessionFactory(edition=edition, sub_forum=forums[0])
    return edition, forums


def valid_registration(forums, email="grace@example.org") -> dict:
    return {
        "name": "Grace Hopper",
        "email": email,
        "organization": "US Navy",
        "organization_type": "government",
        "country": "US",
        "category": "government",
        "mode": "on_site",
        "sub_forums": [forums[0].pk],
        "position": "Rear admiral",
        "dietary_needs": "",
        "privacy_consent": "on",
    }


@st.composite
def registration_forms(draw, forums):
    email = draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)) + "@example.org"
    return draw(mutated(valid_registration(forums, email), PRIVILEGED))


@FORMS
@given(data=st.data())
def test_registration_form_refuses_clearly_and_accepts_exactly(conference, data):
    edition, forums = conference
    form = data.draw(registration_forms(forums))
    cache.clear()  # rate limits
    client = Client()
    known = set(Registration.objects.values_list("email", flat=True))
    before = counts()
    response = client.post(reverse("attendees:register", kwargs={"year": edition.year}), form)
    event(f"status {response.status_code}")
    if refused_for_nul(response, form):
        assert counts() == before
        return
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert "Please correct the fields marked below." in response.content.decode()
        assert counts() == before
        return
    email = client.session[SESSION_EMAIL_KEY]
    new = email not in known
    # A new address registers; a known one is emailed its link again.
    assert counts() == {
        **before,
        "Registration": before["Registration"] + new,
        "Email": before["Email"] + 1,
    }
    assert email == posted(form, "email").strip().lower()
    if new:
        registration = Registration.objects.get(edition=edition, email=email)
        assert registration.name == posted(form, "name").strip()
        assert registration.organization == posted(form, "organization").strip()
        assert registration.status == Registration.Status.UNCONFIRMED
        assert registration.role == Registration.Role.ATTENDEE
        assert registration.language == "en"
        assert registration.checked_in_at is None and registration.email_confirmed_at is None
        assert registration.ticket_code != posted(form, "ticket_code")
        assert registration.access_secret != posted(form, "access_secret")


# --- the personal page's forms --------------------------------------------------------------------

PERSONAL_FORMS = {
    "update_details": {
        "name": "Hans Müller",
        "name_original": "",
        "organization": "TU München",
        "organization_type": "university",
        "position": "Professor",
        "country": "DE",
        "category": "expert",
        "dietary_needs": "vegetarian",
        "accessibility_needs": "",
        "public_listing_consent": "on",
    },
    "switch_mode": {"mode": "online"},
    "change_sub_forums": {"sub_forums": []},  # filled with the edition's sub-forums
    "cancel": {"confirm": "on"},
}
SUCCESS = {
    "update_details": "Your details are saved.",
    "switch_mode": "You now take part",
    "change_sub_forums": "Your choice of sub-forums is saved.",
    "cancel": "Your registration is cancelled.",
}
TEXT_DETAILS = ("name", "name_original", "organization", "position", "dietary_needs")


@st.composite
def personal_forms(draw, action, forums):
    valid = dict(PERSONAL_FORMS[action])
    if action == "change_sub_forums":
        valid["sub_forums"] = draw(st.lists(st.sampled_from([f.pk for f in forums]), unique=True))
    return draw(mutated(valid, PRIVILEGED))


@pytest.mark.parametrize("action", sorted(PERSONAL_FORMS))
@settings(FORMS, max_examples=12)
@given(data=st.data())
def test_personal_page_forms_refuse_clearly_and_accept_exactly(conference, action, data):
    edition, forums = conference
    form = data.draw(personal_forms(action, forums))
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=edition, sub_forums=[forums[1]])
    )
    token = links.manage_token(registration)
    before, emails = snapshot(registration), Email.objects.count()
    client = Client()
    url = reverse(f"attendees:{action}", kwargs={"year": edition.year, "token": token})
    response = client.post(url, form)
    if refused_for_nul(response, form):
        assert snapshot(registration) == before and Email.objects.count() == emails
        return
    assert response.status_code in (302, 400, 409), response.status_code
    after = snapshot(registration)
    messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    event(f"{response.status_code} {[level for level, _text in messages]}")
    if response.status_code in (400, 409):
        # Bad input (400) or a change the rules refuse (409): said on the page, nothing written.
        content = response.content.decode()
        if response.status_code == 400 and action in ("update_details", "cancel"):
            assert "Please correct the fields marked below." in content
        else:
            assert [level for level, _text in messages] == ["error"], messages
        assert after == before and Email.objects.count() == emails
        return
    assert len(messages) == 1, messages
    level, message = messages[0]
    if level == "error":
        assert message
        assert after == before and Email.objects.count() == emails
        return
    assert level == "success" and message.startswith(SUCCESS[action]), messages
    changed = {name for name in after if after[name] != before[name]} - {"updated_at"}
    if action == "update_details":
        for name in TEXT_DETAILS:
            assert after[name] == (posted(form, name) or "").strip()
        assert changed <= {*services.EDITABLE_FIELDS}
    elif action == "switch_mode":
        assert after["mode"] == posted(form, "mode")
        assert changed <= {"mode", "status", "confirmed_at", "waitlisted_at"}
    elif action == "change_sub_forums":
        assert after["sub_forums"] == {int(pk) for pk in form.get("sub_forums", [])}
        assert changed <= {"sub_forums"}
    else:
        assert after["status"] == Registration.Status.CANCELLED
        assert changed == {"status", "cancelled_at"}


# --- the check-in desk ----------------------------------------------------------------------------


@pytest.fixture
def desk(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="can_check_in"))
    return user


@FORMS
@given(data=st.data())
def test_check_in_lookup_never_checks_in_anyone_else(conference, desk, data):
    edition, _forums = conference
    registration = services.confirm_email(registration=RegistrationFactory(edition=edition))
    genuine = [
        registration.ticket_code,
        tickets.display_code(registration).lower(),
        tickets.payload(registration),
    ]
    code = data.draw(st.one_of(form_value, st.sampled_from(genuine)))
    form = data.draw(mutated({"code": code}))
    checked_in = set(Registration.objects.filter(checked_in_at__isnull=False).values_list("pk"))
    before = counts()
    client = Client()
    client.force_login(desk)
    response = client.post(reverse("attendees:check_in"), form)
    if refused_for_nul(response, form):
        assert counts() == before
        return
    assert response.status_code == 200
    content = response.content.decode()
    registration.refresh_from_db()
    event(f"checked in: {bool(registration.checked_in_at)}")
    if registration.checked_in_at:
        assert posted(form, "code").strip() in genuine
        assert "Checked in" in content
    elif "checkin__result" in content:
        assert "No ticket has this code." in content
    elif any(value != [] for value in form.values()):
        assert "errorlist" in content  # The form's own errors (empty, too long, NUL).
    others = Registration.objects.exclude(pk=registration.pk).filter(checked_in_at__isnull=False)
    assert set(others.values_list("pk")) == checked_in
    assert counts() == before


# --- document verification and the program's filters ----------------------------------------------


@FORMS
@given(query=st.data())
def test_verify_form_answers_every_serial_clearly(conference, query):
    edition, _forums = conference
    registration = RegistrationFactory(edition=edition)
    document = IssuedDocument.objects.create(
        kind=IssuedDocument.Kind.CERTIFICATE, registration=registration, edition=edition
    )
    serial = query.draw(st.one_of(form_value, st.just(document.serial.lower())))
    params = query.draw(mutated({"serial": serial}))
    cache.clear()
    before = counts()
    response = Client().get(reverse("attendees:verify_form"), params, follow=True)
    event(f"status {response.status_code}")
    if refused_for_nul(response, params):
        assert counts() == before
        return
    assert response.status_code in (200, 400, 404), response.status_code
    content = response.content.decode()
    if response.status_code == 400:
        assert "A serial number has 16 letters and digits" in content
    elif response.status_code == 404:
        assert "No document has this serial number" in content
    elif response.redirect_chain:
        assert "This document is genuine" in content
    assert counts() == before


@FORMS
@given(query=st.data())
def test_program_filters_answer_every_query_clearly(conference, query):
    edition, forums = conference
    room = Session.objects.filter(edition=edition).first().room
    valid = {"day": edition.start_date.isoformat(), "sub_forum": forums[0].slug, "room": room.pk}
    params = query.draw(mutated(valid, ["page", "sub_forum", "day"]))
    before = counts()
    response = Client().get(reverse("events:program", kwargs={"year": edition.year}), params)
    event(f"status {response.status_code}")
    if refused_for_nul(response, params):
        assert counts() == before
        return
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert "Some filters could not be applied" in response.content.decode()
    assert counts() == before


# --- every field of every form, one NUL at a time -------------------------------------------------


def test_a_nul_character_in_any_field_of_any_form_is_refused_not_stored(conference, desk):
    """Each field in turn, deterministically: PostgreSQL cannot store U+0000 at all."""
    edition, forums = conference
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=edition, sub_forums=[forums[1]])
    )
    personal = {"year": edition.year, "token": links.manage_token(registration)}
    forms = [
        (reverse("attendees:register", kwargs={"year": edition.year}), valid_registration(forums)),
        (reverse("attendees:check_in"), {"code": registration.ticket_code}),
        *(
            (reverse(f"attendees:{action}", kwargs=personal), PERSONAL_FORMS[action])
            for action in ("update_details", "switch_mode", "change_sub_forums", "cancel")
        ),
    ]
    client = Client()
    client.force_login(desk)
    for url, valid in forms:
        for name in [*valid, "x"]:
            cache.clear()
            response = client.post(url, {**valid, name: "Ada\x00Lovelace"})
            assert response.status_code < 500, (url, name)
    for url, name in [
        (reverse("attendees:verify_form"), "serial"),
        (reverse("events:program", kwargs={"year": edition.year}), "sub_forum"),
        (reverse("events:program", kwargs={"year": edition.year}), "day"),
        (reverse("events:program", kwargs={"year": edition.year}), "room"),
    ]:
        assert client.get(url, {name: "Ada\x00Lovelace"}).status_code == 400, (url, name)
    stored = Registration.objects.values()
    assert not [row for row in stored if any("\x00" in str(value) for value in row.values())]


# --- the schedule import --------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
DATES = [
    "9999-12-31T23:59:59",
    "9999-12-31",
    "0001-01-01T00:00:00",
    "0001-01-01",
    "2022-11-22T25:00:00",
    "99:59",
    "999:59:59",
    "00:00",
    "Asia",
    "Europe/",
    "x" * 300,
]
HOSTILE_FILES = [
    b"",
    b"\x00" * 10,
    b"\xef\xbb\xbf",
    b"<",
    b"{",
    b'{"schedule": ' + b"1" * 5000 + b"}",
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    b"<a>" * 50_000,
    b'<?xml version="1.0" encoding="bogus"?><schedule/>',
    b'<!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]><schedule>&e;</schedule>',
    b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><schedule><day>&c;</day></schedule>',
    "<schedule>\u202e中文😀</schedule>".encode("utf-16"),
    b'{"schedule": {"conference": {"tracks": 5, "rooms": "x", "time_zone_name": "Asia"}}}',
    b'{"schedule": {"conference": {"days": [{"rooms": {"A\\u0000": [{"persons": 5}]}}]}}}',
]


def _xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (lxml refuses them)."""
    return "".join(
        c
        for c in value
        if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
    )


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*path, index))


@st.composite
def mutated_json(draw, valid: bytes) -> bytes:
    document = json.loads(valid)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.integers(0, 4)) == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON_VALUES | st.sampled_from(DATES))
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode()


@st.composite
def mutated_xml(draw, valid: bytes) -> bytes:
    root = etree.fromstring(valid)
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 4))):
        element = draw(st.sampled_from(elements))
        value = _xml_safe(draw(text | st.sampled_from(DATES)))
        action = draw(st.sampled_from(["text", "attribute", "remove", "copy", "tag"]))
        if action == "text":
            element.text = value
        elif action == "attribute":
            name = draw(st.sampled_from(["guid", "id", "date", "name", "slug", "x"]))
            element.set(name, value)
        elif action == "remove" and element.getparent() is not None:
            element.getparent().remove(element)
        elif action == "copy" and element.getparent() is not None:
            element.getparent().append(etree.fromstring(etree.tostring(element)))
        elif action == "tag":
            element.tag = draw(st.sampled_from(["event", "room", "day", "person", "schedule"]))
    data = etree.tostring(root, encoding="utf-8", xml_declaration=draw(st.booleans()))
    return data


@st.composite
def byte_mutated(draw, valid: bytes) -> bytes:
    position = draw(st.integers(0, len(valid)))
    cut = draw(st.integers(0, 20))
    return valid[:position] + draw(st.binary(max_size=20)) + valid[position + cut :]


def schedule_files(files: dict) -> st.SearchStrategy:
    return st.one_of(
        st.binary(max_size=200),
        st.sampled_from(HOSTILE_FILES),
        mutated_json(files["json", "en"]),
        mutated_xml(files["xml", "en"]),
        byte_mutated(files["xml", "en"]) | byte_mutated(files["json", "en"]),
        st.sampled_from(list(files.values())),
    )


@pytest.fixture
def import_target(db, media_root):
    program = build_program()
    build_files()  # as the worker does: the exports the copy reads are there
    target, files = copy_target(Client(), program)
    return target, files


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def assert_clear_refusal(messages):
    assert messages and all(isinstance(m, str) and m.strip() for m in messages), messages


IMPORTS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@IMPORTS
@given(data=st.data())
def test_schedule_import_refuses_clearly_and_writes_nothing_on_refusal(import_target, data):
    target, files = import_target
    content = data.draw(schedule_files(files), label="file")
    dry_run = data.draw(st.booleans(), label="dry_run")
    language = data.draw(st.sampled_from(["en", "zh-hans"]), label="language")
    before = counts()
    try:
        report = import_schedule_file(
            edition=target, data=content, language=language, dry_run=dry_run
        )
    except frab.ScheduleError as error:
        event("refused")
        assert_clear_refusal(error.messages)
        assert counts() == before
        return
    event("imported (dry run)" if dry_run else "imported")
    after = counts()
    created = {
        "Room": report.rooms.created,
        "SubForum": report.sub_forums.created,
        "Speaker": report.speakers.created,
        "Session": report.sessions.created,
    }
    for name in PROGRAM:
        assert after[name] == before[name] + (0 if dry_run else len(created[name])), name
    assert {k: v for k, v in after.items() if k not in PROGRAM | {"SessionSpeaker"}} == {
        k: v for k, v in before.items() if k not in PROGRAM | {"SessionSpeaker"}
    }
    if dry_run:
        assert after == before


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=300) | st.sampled_from(HOSTILE_FILES))
def test_schedule_reader_raises_only_schedule_errors(content):
    """The reader alone (no database), on many more random files."""
    with contextlib.suppress(frab.ScheduleError):
        frab.parse(content, default_tz=zoneinfo.ZoneInfo("Asia/Shanghai"))


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_admin_schedule_upload_answers_every_file_clearly(
    import_target, superuser, run_tasks, data
):
    target, files = import_target
    content = data.draw(schedule_files(files), label="file")
    form = {
        "file": io.BytesIO(content),
        "language": data.draw(st.sampled_from(["en", "zh-hans"]) | text, label="language"),
        data.draw(st.sampled_from(["_import", "_preview"]), label="button"): "1",
    }
    form["file"].name = data.draw(st.sampled_from(["schedule.xml", "x.json", "😀", "a" * 300]))
    client = Client()
    client.force_login(superuser)
    before = counts()
    url = reverse("admin:events_edition_import_schedule", args=[target.pk])
    response = client.post(url, form)
    event(f"status {response.status_code}")
    if refused_for_nul(response, {k: v for k, v in form.items() if k != "file"}):
        assert counts() == before
        return
    assert response.status_code in (200, 302), response.status_code
    # The request itself reads nothing: the worker does, and the status page tells.
    assert counts() == before
    if response.status_code == 200:
        assert 'class="errorlist' in response.content.decode()
        return
    run_tasks()
    status = client.get(response["Location"])
    assert status.status_code == 200
    html = status.content.decode()
    if "_import" in form and "The schedule was imported" in html:
        assert "Sessions:" in html
        return
    assert counts() == before
    assert (
        "The file cannot be imported; nothing was changed" in html
        or "Preview: nothing has been written yet" in html
    )
