"""Hostile markup in every text field reaches every page as inert text, in Chromium.

Every editable text field of the conference's models (both languages of translated ones) holds
a numbered marker and markup built to break out of each context a value is written in: element
content, quoted attributes, <title>, <textarea>, the JSON-LD <script> block, template tags. The
pages are then opened in Chromium with the Content-Security-Policy bypassed, so that escaping
and sanitizing alone must keep the markup inert (the policy would block inline scripts anyway).

On every page: no script ran (``window.__xss``), no injected element exists (every payload
carries a ``data-xss`` attribute: an element with it means the markup was parsed, script or
not), no dialog opened, no ``javascript:`` link, no inline script, and each JSON-LD block
parses. Per surface: each field's value is found as text (or input value, link address or
JSON-LD value), so the field was rendered; rich text is sanitized on save (events/richtext.py),
so there only its marker survives.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from playwright.sync_api import expect

from attendees import links, services, tickets
from attendees.models import IssuedDocument, Registration
from events.models import (
    Edition,
    NewsArticle,
    Organization,
    OrganizerRole,
    Page,
    Room,
    Series,
    Session,
    SessionLink,
    Speaker,
    SubForum,
    Topic,
)
from tests.factories import (
    NewsArticleFactory,
    OpenEditionFactory,
    OrganizationFactory,
    OrganizerRoleFactory,
    PageFactory,
    RegistrationFactory,
    RoomFactory,
    SeriesFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = [
    Series,
    Organization,
    Edition,
    Topic,
    Room,
    SubForum,
    Speaker,
    Session,
    SessionLink,
    NewsArticle,
    Page,
    Registration,
    IssuedDocument,
]

# Breaks out of element content, both attribute quotes, <title>, <textarea> and <script>; its
# handler would open a dialog.
POLYGLOT = "</textarea></title></script>'\"><svg/data-xss/onload=alert(1)>"
SHORT = "'\"><b data-xss>"
# One more each, in turn, where the field is long enough.
EXTRAS = [
    "<script data-xss>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1" data-xss>',
    '"><svg onload=window.__xss=1 data-xss>',
    "'><svg onload=window.__xss=1 data-xss>",
    "</script><script data-xss>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1" data-xss>x</a>',
    "{{ 7|add:7 }}{% debug %}<b data-xss>",
    '<iframe data-xss srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "\u202e\u200f<details open ontoggle=window.__xss=1 data-xss>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1 data-xss>",
]
# What the rich-text fields get (sanitized when saved): only the paragraph's text survives.
RICH = (
    "<script>window.__xss=1</script><img src=x onerror=alert(1) data-xss>"
    '<a href="javascript:window.__xss=1" data-xss>link</a><p onclick=alert(1) data-xss>p</p>'
    '<iframe data-xss src="javascript:alert(1)"></iframe><style>*{display:none}</style>'
    "<svg><script>window.__xss=1</script></svg>"
)
RICH_FIELDS = {
    (Edition, "description"),
    (SubForum, "description"),
    (NewsArticle, "body"),
    (Page, "body"),
}
# Text fields that get no payload: their values are made by the site, not typed by anyone.
GENERATED = {(IssuedDocument, "serial")}

# Where each field is shown; a field missing from a surface's list is not checked there.
NOT_ON_PUBLIC_PAGES = {
    (Series, "short_name"): "admin only",
    (Organization, "short_name"): "admin only",
    (Organization, "address"): "printed on letterheads (PDF)",
    (Edition, "signatory_name"): "printed on letters and certificates (PDF)",
    (Edition, "signatory_position"): "printed on letters and certificates (PDF)",
    (SubForum, "online_meeting_url"): "never public: confirmed online attendees open it",
}
PERSONAL_PAGE = {
    (Registration, "name"),
    (Registration, "name_original"),
    (Registration, "email"),
    (Registration, "organization"),
    (Registration, "position"),
    # Not passport_number: the personal page never shows it back (test below, docs/security.md).
    (Registration, "dietary_needs"),
    (Registration, "accessibility_needs"),
    (Edition, "title"),
    (Edition, "venue"),
    (Edition, "city"),
    (SubForum, "title"),
}
CHECK_IN_DESK = {
    (Registration, "name"),
    (Registration, "name_original"),
    (Registration, "organization"),
    (SubForum, "title"),
}
VERIFY_PAGE = {(Edition, "title"), (IssuedDocument, "holder_initials")}

INSPECT = """() => {
  const snippets = (selector) =>
    Array.from(document.querySelectorAll(selector), (el) => el.outerHTML.slice(0, 200));
  const corpus = [document.documentElement.textContent];
  for (const el of document.querySelectorAll("input, textarea, select")) corpus.push(el.value);
  for (const el of document.querySelectorAll("[href]")) corpus.push(el.getAttribute("href"));
  const collect = (value) => {
    if (typeof value === "string") corpus.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  const jsonLdErrors = [];
  for (const block of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(block.textContent));
    } catch (error) {
      jsonLdErrors.push(String(error));
    }
  }
  const dangerous = /^\\s*(javascript|vbscript|data:text\\/html)/i;
  const scriptLinks = [];
  for (const el of document.querySelectorAll("[href], [src], [action], [formaction], [srcdoc]")) {
    for (const name of ["href", "src", "action", "formaction"]) {
      const value = el.getAttribute(name);
      if (value && dangerous.test(value)) scriptLinks.push(el.outerHTML.slice(0, 200));
    }
    if (el.hasAttribute("srcdoc")) scriptLinks.push(el.outerHTML.slice(0, 200));
  }
  const inlineScripts = Array.from(document.querySelectorAll("script:not([src])"))
    .filter((s) => !["application/ld+json", "application/json"].includes(s.type))
    .map((s) => s.outerHTML.slice(0, 200));
  return {
    ran: typeof window.__xss !== "undefined",
    injected: snippets("[data-xss]"),
    scriptLinks,
    inlineScripts,
    jsonLdErrors,
    corpus: corpus.join("\\n"),
  };
}"""


# --- the hostile conference -----------------------------------------------------------------------


def _translated(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def text_fields(model) -> list[models.Field]:
    """Every text column a person types into: per language for translated fields."""
    translated = _translated(model)
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and field.editable
        and not field.choices
        and field.name not in translated
        and (model, base_name(model, field)) not in GENERATED
    ]


def base_name(model, field) -> str:
    """``title`` for ``title_en`` and ``title_zh_hans``; the name itself otherwise."""
    for name in _translated(model):
        if field.name.startswith(f"{name}_") and field.name != name:
            return name
    return field.name


class Payloads:
    """A numbered hostile value for every text field, and the text each must show as."""

    def __init__(self):
        self.values: dict[tuple, str] = {}  # (model, column) -> stored value
        self.expected: dict[tuple, str] = {}  # (model, column) -> what the page must contain

    def for_model(self, model) -> dict[str, str]:
        values = {}
        for field in text_fields(model):
            number = len(self.values) + 1
            marker = f"XSS-{number:03d}"
            if isinstance(field, models.URLField):
                value = f'https://xss-{number:03d}.example.org/?q="><svg/data-xss/onload=alert(1)>'
                field.formfield(assume_scheme="https").clean(value)  # The admin accepts it.
                expected = value
            elif isinstance(field, models.EmailField):
                # As hostile as the registration form lets an address be (no quoted part).
                value = f"xss-{number:03d}'&lt&#x3c{{{{7*7}}}}{{%debug%}}@example.org"
                field.formfield().clean(value)
                expected = value
            elif (model, base_name(model, field)) in RICH_FIELDS:
                expected = f"{marker} rich text"
                value = f"<p>{expected}</p>{RICH}"
            else:
                value = f"{marker} {POLYGLOT}"
                extra = f"{value} {EXTRAS[number % len(EXTRAS)]}"
                if len(extra) <= (field.max_length or 10_000):
                    value = extra
                elif len(value) > field.max_length:
                    value = f"{marker}{SHORT}"
                expected = value
            assert len(value) <= (field.max_length or 10_000), field
            self.values[model, field.name] = value
            self.expected[model, field.name] = expected
            values[field.name] = value
        return values

    def columns(self, keys) -> dict[tuple, str]:
        """The expected texts of ``keys`` ((model, field name), either language)."""
        return {
            (model, column): text
            for (model, column), text in self.expected.items()
            if (model, base_name(model, model._meta.get_field(column))) in keys
        }


def build_hostile_conference():
    payloads = Payloads()
    series = SeriesFactory(slug="hostile", **payloads.for_model(Series))
    host = OrganizationFactory(**payloads.for_model(Organization))
    edition = OpenEditionFactory(
        series=series, is_current=True, host=host, **payloads.for_model(Edition)
    )
    OrganizerRoleFactory(edition=edition, organization=host, role=OrganizerRole.Role.ORGANIZER)
    topic = TopicFactory(edition=edition, **payloads.for_model(Topic))
    room = RoomFactory(edition=edition, **payloads.for_model(Room))
    speaker = SpeakerFactory(**payloads.for_model(Speaker))
    sub_forum = SubForumFactory(
        edition=edition, room=room, host=host, **payloads.for_model(SubForum)
    )
    sub_forum.topics.set([topic])
    sub_forum.chairs.set([speaker])
    session = SessionFactory(
        edition=edition,
        sub_forum=sub_forum,
        room=room,
        kind=Session.Kind.OTHER,  # so that its own kind name is shown too
        link_visibility=Session.Visibility.PUBLIC,
        with_speakers=[speaker],
        **payloads.for_model(Session),
    )
    SessionLink.objects.create(session=session, **payloads.for_model(SessionLink))
    article = NewsArticleFactory(edition=edition, **payloads.for_model(NewsArticle))
    page = PageFactory(slug="hostile", in_menu=True, **payloads.for_model(Page))
    registration = services.confirm_email(
        registration=RegistrationFactory(
            edition=edition,
            sub_forums=[sub_forum],
            needs_visa_letter=True,
            nationality="FR",
            date_of_birth=datetime.date(1980, 1, 2),
            **payloads.for_model(Registration),
        )
    )
    assert registration.has_ticket
    documents = payloads.for_model(IssuedDocument)
    certificate = IssuedDocument.objects.create(
        kind=IssuedDocument.Kind.CERTIFICATE,
        registration=registration,
        edition=edition,
        holder_initials=documents["holder_initials"],
    )
    IssuedDocument.objects.create(
        kind=IssuedDocument.Kind.VISA_LETTER,
        registration=registration,
        edition=edition,
        revoked_at=timezone.now(),
        **documents,
    )
    # The rich text was sanitized on save: none of its markup is left.
    for model, name in RICH_FIELDS:
        for column in ("en", "zh_hans"):
            stored = model.objects.values_list(f"{name}_{column}", flat=True).first()
            assert "data-xss" not in stored and "<script" not in stored, stored
    return {
        "payloads": payloads,
        "edition": edition,
        "session": session,
        "speaker": speaker,
        "sub_forum": sub_forum,
        "article": article,
        "page": page,
        "registration": registration,
        "certificate": certificate,
    }


@pytest.fixture
def hostile(transactional_db):
    return build_hostile_conference()


@pytest.fixture
def xss_page(browser):
    """A page that ignores the Content-Security-Policy and records every dialog."""
    context = browser.new_context(locale="en-US", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []

    def dismiss(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page
    context.close()


# --- checking pages -------------------------------------------------------------------------------


def inspect(page, label: str) -> str:
    """Assert nothing on the page ran or was injected; return its texts."""
    found = page.evaluate(INSPECT)
    assert not found["ran"], f"{label}: an injected script ran"
    assert found["injected"] == [], f"{label}: injected elements {found['injected']}"
    assert page.dialogs == [], f"{label}: dialogs {page.dialogs}"
    assert found["scriptLinks"] == [], f"{label}: script links {found['scriptLinks']}"
    assert found["inlineScripts"] == [], f"{label}: inline scripts {found['inlineScripts']}"
    assert found["jsonLdErrors"] == [], f"{label}: broken JSON-LD {found['jsonLdErrors']}"
    return found["corpus"]


def visit(page, url: str, *, label: str | None = None) -> str:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    return inspect(page, label or url)


def assert_rendered(corpus: str, expected: dict[tuple, str], surface: str):
    missing = sorted(
        f"{model.__name__}.{column}"
        for (model, column), text in expected.items()
        if text not in corpus
    )
    assert missing == [], f"{surface}: these fields were not rendered as text: {missing}"


def log_in(page, live_server, username: str, password: str, next_url: str):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")


# --- the surfaces ---------------------------------------------------------------------------------


def public_paths(world) -> list[str]:
    edition, year = world["edition"], world["edition"].year
    return [
        reverse("events:home"),
        reverse("events:edition", kwargs={"year": year}),
        reverse("events:program", kwargs={"year": year}),
        reverse("events:sub_forums", kwargs={"year": year}),
        world["sub_forum"].get_absolute_url(),
        world["session"].get_absolute_url(),
        reverse("events:speakers", kwargs={"year": year}),
        reverse("events:speaker", kwargs={"year": year, "slug": world["speaker"].slug}),
        reverse("events:news"),
        world["article"].get_absolute_url(),
        reverse("events:page", kwargs={"slug": world["page"].slug}),
        reverse("events:archive"),
        reverse("attendees:register", kwargs={"year": edition.year}),
    ]


def test_public_pages_show_hostile_text_inert_in_both_languages(live_server, xss_page, hostile):
    corpus = []
    for prefix in ("", "/zh-hans"):
        for path in public_paths(hostile):
            corpus.append(visit(xss_page, f"{live_server.url}{prefix}{path}"))
    payloads = hostile["payloads"]
    public = {
        key: text
        for key, text in payloads.expected.items()
        if key[0] not in (Registration, IssuedDocument)
        and (key[0], base_name(key[0], key[0]._meta.get_field(key[1]))) not in NOT_ON_PUBLIC_PAGES
    }
    joined = "\n".join(corpus)
    assert_rendered(joined, public, "public pages")
    # And what attendees type, or only they may open, is not on them at all.
    private = [
        f"{model.__name__}.{column}"
        for (model, column), text in payloads.expected.items()
        if (model in (Registration, IssuedDocument) or column == "online_meeting_url")
        and text in joined
    ]
    assert private == []


def test_personal_page_shows_attendee_text_inert(live_server, xss_page, hostile):
    registration = hostile["registration"]
    token = links.manage_token(registration)
    year = registration.edition.year
    corpus = []
    for prefix in ("", "/zh-hans"):
        for name in ("manage", "cancel"):
            path = reverse(f"attendees:{name}", kwargs={"year": year, "token": token})
            corpus.append(visit(xss_page, f"{live_server.url}{prefix}{path}"))
    expected = hostile["payloads"].columns(PERSONAL_PAGE)
    assert_rendered("\n".join(corpus), expected, "personal page")
    passport = hostile["payloads"].columns({(Registration, "passport_number")})
    assert not any(text in "\n".join(corpus) for text in passport.values())


def test_check_in_desk_shows_attendee_text_inert(live_server, xss_page, hostile):
    desk = get_user_model().objects.create_user("desk", password="desk-test-password-1")
    desk.is_staff = True
    desk.save()
    desk.user_permissions.add(Permission.objects.get(codename="can_check_in"))
    log_in(xss_page, live_server, "desk", "desk-test-password-1", "/checkin/")
    code = tickets.display_code(hostile["registration"])
    corpus = []
    # English checks in; Chinese then finds the same attendee already checked in.
    for prefix, heading in (("", "Checked in"), ("/zh-hans", "重复签到")):
        visit(xss_page, f"{live_server.url}{prefix}/checkin/")
        xss_page.locator("input[name=code]").fill(code)
        xss_page.locator("form.checkin__form button[type=submit]").click()
        expect(xss_page.locator(".checkin__result h2")).to_contain_text(heading)
        corpus.append(inspect(xss_page, f"{prefix}/checkin/ result"))
    expected = hostile["payloads"].columns(CHECK_IN_DESK)
    assert_rendered("\n".join(corpus), expected, "check-in desk")


def test_verify_page_shows_document_text_inert(live_server, xss_page, hostile):
    path = hostile["certificate"].get_absolute_url()
    corpus = [visit(xss_page, f"{live_server.url}{prefix}{path}") for prefix in ("", "/zh-hans")]
    expected = hostile["payloads"].columns(VERIFY_PAGE)
    assert_rendered("\n".join(corpus), expected, "verify page")


def admin_paths(world) -> list[str]:
    objects = {
        Series: world["edition"].series,
        Organization: world["edition"].host,
        Edition: world["edition"],
        Topic: world["sub_forum"].topics.get(),
        Room: world["session"].room,
        SubForum: world["sub_forum"],
        Speaker: world["speaker"],
        Session: world["session"],
        SessionLink: world["session"].links.get(),
        NewsArticle: world["article"],
        Page: world["page"],
        Registration: world["registration"],
        IssuedDocument: None,
    }
    paths = ["/admin/"]
    for model, obj in objects.items():
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if obj is not None:
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    for document in IssuedDocument.objects.order_by("pk"):
        paths.append(reverse("admin:attendees_issueddocument_change", args=[document.pk]))
    paths.append(reverse("admin:events_organizerrole_changelist"))
    paths.append(reverse("admin:attendees_registration_history", args=[world["registration"].pk]))
    paths.append(reverse("admin:events_edition_history", args=[world["edition"].pk]))
    return paths


def test_admin_shows_hostile_text_inert(live_server, xss_page, hostile):
    get_user_model().objects.create_superuser(
        "organizer", "organizer@example.org", "organizer-test-password"
    )
    log_in(xss_page, live_server, "organizer", "organizer-test-password", "/admin/")
    corpus = [visit(xss_page, f"{live_server.url}{path}") for path in admin_paths(hostile)]
    assert_rendered("\n".join(corpus), hostile["payloads"].expected, "admin")


def test_link_fields_refuse_script_addresses(db):
    """What the admin's forms accept in a link field: never a script address."""
    hostile_urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "javascript://example.org/%0Aalert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ]
    for model in MODELS:
        for field in text_fields(model):
            if isinstance(field, models.URLField):
                form_field = field.formfield(assume_scheme="https")
                for url in hostile_urls:
                    with pytest.raises(ValidationError, match="valid URL"):
                        form_field.clean(url)
