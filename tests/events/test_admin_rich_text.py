"""The admin's rich-text editor: on the fields that hold HTML, loaded without inline script,
and what it sends still sanitized on save."""

import pytest

from events.models import Edition
from tests.admin_forms import submit
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, fields",
    [
        ("/admin/events/edition/add/", ["description_en", "description_zh_hans"]),
        ("/admin/events/subforum/add/", ["description_en", "description_zh_hans"]),
        ("/admin/events/newsarticle/add/", ["body_en", "body_zh_hans"]),
        ("/admin/events/page/add/", ["body_en", "body_zh_hans"]),
    ],
)
def test_rich_text_fields_get_the_editor_and_its_module(client, organizer, url, fields):
    page = client.get(url).content.decode()
    for name in fields:
        assert f'name="{name}"' in page
        assert page.count("data-rich-text") == len(fields)
    assert '<script src="/static/js/admin_rich_text.js" type="module"></script>' in page
    assert "django_prose_editor/editor.css" in page
    # No import map, which would be an inline script.
    assert "importmap" not in page


def test_plain_text_fields_keep_their_textarea(client, organizer):
    page = client.get("/admin/events/edition/add/").content.decode()
    assert 'name="address_en"' in page
    assert page.count("data-rich-text") == 2


def test_html_from_the_editor_is_sanitized_on_save(client, organizer):
    edition = EditionFactory(year=2031)
    response = submit(
        client,
        f"/admin/events/edition/{edition.pk}/change/",
        "edition_form",
        {
            "description_en": (
                '<p onclick="steal()">Welcome <strong>all</strong></p>'
                "<script>alert(1)</script>"
                '<p><a href="javascript:alert(1)" target="_blank">link</a></p>'
            )
        },
    )
    assert response.status_code == 302
    saved = Edition.objects.get(pk=edition.pk).description_en
    assert (
        saved == '<p>Welcome <strong>all</strong></p><p><a rel="noopener noreferrer">link</a></p>'
    )
