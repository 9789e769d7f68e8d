"""Documents in Chromium: a checked-in attendee downloads the certificate from their page."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from attendees import links, services
from attendees.models import IssuedDocument, Registration
from tests.factories import EditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def checked_in_attendee(transactional_db):
    """Wang Jianguo, who registers in Chinese, was checked in on the first day (today)."""
    today = timezone.localdate()
    edition = EditionFactory(start_date=today, end_date=today + datetime.timedelta(days=1))
    registration = services.confirm_email(
        registration=RegistrationFactory(
            edition=edition, name="Wang Jianguo", name_original="王建国", language="zh-hans"
        )
    )
    desk = get_user_model().objects.create_user("desk", is_staff=True)
    services.check_in(registration=registration, by=desk)
    return registration


def test_a_checked_in_attendee_downloads_the_certificate(live_server, page, checked_in_attendee):
    page.goto(live_server.url + links.manage_path(checked_in_attendee))
    documents = page.get_by_role("region", name="Your documents")
    expect(documents.get_by_role("heading", name="Certificate of attendance")).to_be_visible()
    links_in_order = documents.get_by_role("link", name=re.compile("Certificate of attendance"))
    expect(links_in_order).to_have_count(2)
    expect(links_in_order.first).to_contain_text("简体中文")  # the attendee's language first

    with page.expect_download() as download_info:
        documents.get_by_role("link", name=re.compile(r"English, PDF")).click()
    download = download_info.value

    assert download.suggested_filename.endswith("-en.pdf")
    with open(download.path(), "rb") as file:
        pages = PdfReader(io.BytesIO(file.read())).pages
        text = "".join(p.extract_text() for p in pages)
    assert "Wang Jianguo" in text
    assert "王建国" in text
    certificate = IssuedDocument.objects.get(registration=checked_in_attendee)
    assert certificate.display_serial in text
    assert certificate.kind == IssuedDocument.Kind.CERTIFICATE

    # Its QR code's address opens the verification page, which confirms it.
    page.goto(live_server.url + certificate.get_absolute_url())
    expect(page.get_by_role("heading", name="This document is genuine")).to_be_visible()
    expect(page.get_by_text("W. J.")).to_be_visible()


def test_no_certificate_link_before_check_in(live_server, page, transactional_db):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=EditionFactory(), mode=Registration.Mode.ON_SITE)
    )

    page.goto(live_server.url + links.manage_path(registration))

    expect(page.get_by_text("Once you have been checked in")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Certificate of attendance"))).to_have_count(0)
