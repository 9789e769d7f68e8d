"""Interchange the machines read: a valid OpenAPI 3.1 document, absolute links on the site's
own address, and JSON-LD with the organizer, the keynote speakers and one set of dates."""

import io
import json

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator

pytestmark = pytest.mark.django_db


def test_the_api_document_is_valid_openapi_3_1(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    assert list(OpenAPIV31SpecValidator(document).iter_errors()) == []
    validate(document)
    edition = next(
        p
        for p in document["paths"]["/api/sessions/"]["get"]["parameters"]
        if p["name"] == "edition"
    )
    assert edition["example"] == 2022 and "examples" not in edition


def test_ensure_organizer_prints_the_admin_on_the_sites_address(settings):
    from django.core.management import call_command

    settings.SITE_URL = "http://127.0.0.1:8200"
    out = io.StringIO()
    call_command("ensure_organizer", stdout=out)
    assert "http://127.0.0.1:8200/admin/" in out.getvalue()


def test_make_run_and_serve_link_to_the_port_they_serve(tmp_path):
    """`make run PORT=8200` hands the server SITE_URL=http://127.0.0.1:8200 (shown by a stand-in
    Python that prints it and stops)."""
    import os
    import shutil
    import subprocess

    from django.conf import settings

    if shutil.which("make") is None:
        pytest.fail("make is needed to run the site")
    env_file = settings.BASE_DIR / ".env"
    if env_file.exists() and "SITE_URL=" in env_file.read_text():
        pytest.skip("this checkout's .env sets SITE_URL, which wins")
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\necho "SITE_URL=$SITE_URL"\nexit 3\n')
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS", "PORT")}
    for target, port in (("run", "8200"), ("serve", "8300")):
        result = subprocess.run(
            ["make", "-s", target, f"PORT={port}", f"PY={python}"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert f"SITE_URL=http://127.0.0.1:{port}" in result.stdout, result.stdout + result.stderr
