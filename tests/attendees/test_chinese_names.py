"""On Chinese pages, documents and emails a name written in Chinese comes first, and the parts
joined around it take Chinese punctuation."""

import pytest
from django.utils import translation

from attendees import emails, links
from events.models import Session
from tests.factories import RegistrationFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wang(open_edition):
    return RegistrationFactory(
        edition=open_edition,
        name="Wang Jianguo",
        name_original="王建国",
        language="zh-hans",
        organization="东北大学",
    )


def test_chinese_confirmation_email_greets_by_the_chinese_name(wang):
    _subject, text, html = emails.render(emails.Kind.CONFIRM_EMAIL, wang)
    assert text.startswith("尊敬的王建国：")
    assert "尊敬的王建国：" in html
    assert "Wang Jianguo" not in text.splitlines()[0]


def test_chinese_email_details_use_full_width_punctuation(wang, confirmed):
    wang = confirmed(edition=wang.edition, name="Li Hua", name_original="李华", language="zh-hans")
    _subject, text, _html = emails.render(emails.Kind.CONFIRMED, wang)
    assert "尊敬的李华：" in text
    assert "会议地点：" in text and "会议时间：" in text
    assert "Venue:" not in text and ": " not in text.replace("https://", "")


def test_english_email_keeps_the_passport_name(open_edition):
    registration = RegistrationFactory(
        edition=open_edition, name="Wang Jianguo", name_original="王建国", language="en"
    )
    _subject, text, _html = emails.render(emails.Kind.CONFIRM_EMAIL, registration)
    assert text.startswith("Dear Wang Jianguo,")


def test_a_name_in_another_script_stays_second_on_chinese_pages(open_edition):
    registration = RegistrationFactory(
        edition=open_edition, name="Olga Ivanova", name_original="Ольга Иванова"
    )
    with translation.override("zh-hans"):
        assert registration.display_name == "Olga Ivanova"
        assert registration.other_name == "Ольга Иванова"


def test_chinese_personal_page_shows_the_chinese_name_first(client, wang):
    with translation.override("zh-hans"):
        path = links.manage_path(wang, "attendees:manage")
    content = client.get(path).content.decode()
    assert "王建国（Wang Jianguo）" in content
    assert "东北大学（高校）" in content or "东北大学（" in content
    assert "Wang Jianguo (" not in content


def test_chinese_session_page_names_the_speaker_in_chinese_order(client, open_edition):
    speaker = SpeakerFactory(name="Zhang Hua", name_original="张华")
    session = SessionFactory(
        edition=open_edition, kind=Session.Kind.KEYNOTE, with_speakers=[speaker]
    )
    content = client.get(f"/zh-hans/{open_edition.year}/sessions/{session.pk}/").content.decode()
    assert "张华 教授" in content
    assert "Zhang Hua 教授" not in content
    english = client.get(f"/{open_edition.year}/sessions/{session.pk}/").content.decode()
    assert "Prof. Zhang Hua" in english


def test_chinese_room_label_uses_full_width_brackets(client, open_edition):
    session = SessionFactory(edition=open_edition)
    session.room.name_zh_hans = "报告厅"
    session.room.building_zh_hans = "主楼"
    session.room.save()
    content = client.get(f"/zh-hans/{open_edition.year}/sessions/{session.pk}/").content.decode()
    assert "报告厅（主楼）" in content


@pytest.mark.parametrize(
    ("kind", "title_en", "title_zh", "shown_en", "shown_zh"),
    [
        (Session.Kind.LUNCH, "Lunch Break", "午餐", "Lunch Break", "午餐"),
        (Session.Kind.COFFEE_BREAK, "Coffee Break", "茶歇", "Coffee Break", "茶歇"),
    ],
)
def test_breaks_are_named_once_in_their_kind(
    client, open_edition, kind, title_en, title_zh, shown_en, shown_zh
):
    SessionFactory(edition=open_edition, kind=kind, title_en=title_en, title_zh_hans=title_zh)
    chinese = client.get(f"/zh-hans/{open_edition.year}/program/").content.decode()
    assert shown_zh in chinese
    assert "茶歇 午餐" not in chinese and f'tag--{kind}">' not in chinese
    english = client.get(f"/{open_edition.year}/program/").content.decode()
    assert shown_en in english and f'tag--{kind}">' not in english


def test_a_break_titled_otherwise_shows_its_kind(client, open_edition):
    SessionFactory(
        edition=open_edition,
        kind=Session.Kind.LUNCH,
        title_en="Buffet at the faculty club",
        title_zh_hans="教工俱乐部自助餐",
    )
    chinese = client.get(f"/zh-hans/{open_edition.year}/program/").content.decode()
    assert 'tag--lunch">午餐</span>' in chinese


def test_visitor_zone_note_is_one_translated_sentence(client, open_edition):
    session = SessionFactory(edition=open_edition)
    content = client.get(f"/zh-hans/{open_edition.year}/sessions/{session.pk}/").content.decode()
    assert 'data-local-note="（您所在时区：{time}，{zone}）"' in content
