"""No secret in the repository: keys, private keys and passwords in URLs stay out of it."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings

from tests.conftest import cannot_run

# SECRET_KEY given a literal value: a quoted string (Python, TOML, YAML, JSON), or KEY=value
# without spaces (.env files, shell, environment lists).
SECRET_KEY_ASSIGNMENT = re.compile(
    r"""SECRET_KEY["']?\s*[:=]\s*(?P<quote>["'])(?P<value>[^"'\n]{8,})(?P=quote)"""
    r"""|SECRET_KEY=(?P<bare>[^\s"']{8,})""",
    re.IGNORECASE,
)
PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----")
PASSWORD_IN_URL = re.compile(
    r"\b[a-z][a-z0-9+.-]*://[^\s/:@'\"<>]+:(?P<password>[^\s/@'\"<>]+)@[^\s/'\"<>]"
)
AWS_ACCESS_KEY = re.compile(r"\bAKIA[0-9A-Z]{16}\b")

# Values that say by themselves that they are not secrets.
PLACEHOLDER = re.compile(
    r"^(?:pass(?:word)?|secret|change-?me.*|x+|\*+|\.\.\.|user|token)$"
    r"|not-for-production|do-not-use-in-production|^ci-|^\$|\$[({]|[<{]",
    re.IGNORECASE,
)


def repository_files():
    """Files tracked by git, and new ones not ignored (what the next commit could hold)."""
    if not shutil.which("git") or not (settings.BASE_DIR / ".git").exists():
        cannot_run("not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        check=True,
    )
    for name in filter(None, listing.stdout.decode().split("\0")):
        path = settings.BASE_DIR / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            yield name, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, compiled catalogues, PDFs


def findings(text: str):
    for match in SECRET_KEY_ASSIGNMENT.finditer(text):
        value = match["value"] or match["bare"]
        if not PLACEHOLDER.search(value):
            yield f"SECRET_KEY = {value[:6]}…"
    for match in PASSWORD_IN_URL.finditer(text):
        if not PLACEHOLDER.search(match["password"]):
            yield f"password in a URL: {match[0][:30]}…"
    if PRIVATE_KEY.search(text):
        yield "a private key"
    if AWS_ACCESS_KEY.search(text):
        yield "an AWS access key"


def test_no_file_in_the_repository_holds_a_secret():
    found = [
        f"{name}: {finding}"
        for name, text in repository_files()
        if name != "tests/security/test_repository_secrets.py"
        for finding in findings(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        'SECRET_KEY = "k3y-that-someone-pasted-from-production-9f8e7d6c5b4a"',
        "SECRET_KEY=8x!q0z3$abcdefghijkl",
        "EMAIL_URL=smtp+tls://conference:Hunter2Hunter2@smtp.example.org:587",
        "DATABASE_URL=postgres://app:s3cr3t-pw@db.internal:5432/conference",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    ],
)
def test_the_scan_recognizes_secrets(text):
    assert list(findings(text))


@pytest.mark.parametrize(
    "text",
    [
        '_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-8f2c1a7e"',
        "# SECRET_KEY=change-me-to-a-long-random-string",
        '"D:SECRET_KEY=test-only-secret-key-not-for-production-3b9f"',
        'SECRET_KEY="ci-$(python3 -c ...)"',
        "EMAIL_URL=smtp+tls://user:password@smtp.example.edu.cn:587",
        "`smtp+tls://user:pass@host:587`",
        "postgres://postgres@127.0.0.1:5432/test",
        'SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")',
    ],
)
def test_the_scan_lets_placeholders_and_development_values_through(text):
    assert not list(findings(text))
