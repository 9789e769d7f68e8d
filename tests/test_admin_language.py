import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_follows_a_chinese_browser(staff_client):
    html = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert '<html lang="zh-hans"' in html


def test_admin_follows_the_language_cookie(staff_client):
    staff_client.cookies["django_language"] = "zh-hans"
    assert '<html lang="zh-hans"' in staff_client.get("/admin/").content.decode()


def test_admin_is_english_by_default(staff_client):
    assert '<html lang="en"' in staff_client.get("/admin/").content.decode()


def test_public_home_stays_english_for_a_chinese_browser(client):
    # English lives at /, Chinese at /zh-hans/: the address decides, never the browser.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert '<html lang="en"' in html


def test_organizer_switches_the_admin_to_chinese(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert 'name="language"' in html
    response = staff_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert '<html lang="zh-hans"' in staff_client.get("/admin/").content.decode()
