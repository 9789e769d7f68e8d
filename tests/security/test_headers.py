"""Security headers: Content-Security-Policy, Permissions-Policy, HSTS and their companions."""

import base64
import hashlib
import re
from pathlib import Path

import import_export
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from conference_site.content_security import ContentSecurityPolicyMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def public_pages(edition):
    year = edition.year
    return [
        "/",
        "/zh-hans/",
        f"/{year}/program/",
        f"/{year}/speakers/",
        "/news/",
        "/no-such-page/",
        "/api/editions/",
    ]


def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, edition):
    for path in public_pages(edition):
        csp = policy(client.get(path))
        assert csp["default-src"] == ["'self'"], path
        assert csp["script-src"] == ["'self'"], path
        assert csp["style-src"] == ["'self'"], path
        assert "script-src-attr" not in csp, path
        assert csp["img-src"] == ["'self'", "data:"], path
        assert csp["object-src"] == ["'none'"], path
        assert csp["base-uri"] == ["'self'"], path
        assert csp["form-action"] == ["'self'"], path
        assert csp["frame-ancestors"] == ["'none'"], path


def test_admin_allows_inline_styles_but_still_no_inline_script(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in [reverse("admin:login"), reverse("admin:index"), "/admin/events/edition/"]:
        csp = policy(client.get(path))
        assert csp["script-src"] == ["'self'"], path
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"], path
        assert "'unsafe-inline'" not in csp["script-src-attr"], path


def test_the_admins_one_inline_handler_is_allowed_by_its_hash():
    """If django-import-export changes its "select all" handler, its new hash must be allowed."""
    template = Path(import_export.__file__).parent / "templates/admin/import_export/export.html"
    handlers = re.findall(r'\son[a-z]+="([^"]*)"', template.read_text())
    assert handlers, "django-import-export's export page no longer has an inline handler"
    allowed = settings.CONTENT_SECURITY_POLICY_ADMIN["script-src-attr"]
    for handler in handlers:
        digest = base64.b64encode(hashlib.sha256(handler.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_pdfs_carry_no_page_policy():
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)
    request = RequestFactory().get("/2030/program.pdf")
    middleware.process_request(request)
    pdf = middleware.process_response(
        request, HttpResponse(b"%PDF", content_type="application/pdf")
    )
    html = middleware.process_response(request, HttpResponse(b"<p>"))
    assert "Content-Security-Policy" not in pdf
    assert "Content-Security-Policy" in html


def permissions(response) -> dict[str, str]:
    return dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))


def test_camera_microphone_and_location_are_off_on_public_pages(client, edition):
    for path in public_pages(edition):
        features = permissions(client.get(path))
        assert features["camera"] == "()", path
        assert features["microphone"] == "()", path
        assert features["geolocation"] == "()", path


def test_the_check_in_desk_may_use_the_camera_and_nothing_else(client):
    desk = UserFactory(is_staff=True)
    desk.user_permissions.add(Permission.objects.get(codename="can_check_in"))
    client.force_login(desk)
    response = client.get(reverse("attendees:check_in"))
    assert response.status_code == 200
    features = permissions(response)
    assert features["camera"] == "(self)"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"


def test_https_responses_ask_for_https_from_now_on(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_responses_forbid_sniffing_framing_and_leaking_the_address(client, edition):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_secure_and_out_of_reach_of_scripts(client):
    response = client.get(reverse("admin:login"))
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"]
    user = UserFactory(username="organizer", is_staff=True)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "a-long-test-password"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_no_script_of_the_site_reads_cookies():
    """The CSRF cookie is HttpOnly: a script that needed it would break."""
    for script in (settings.BASE_DIR / "static").rglob("*.js"):
        assert "document.cookie" not in script.read_text(), script
