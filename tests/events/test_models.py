import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events import queries
from events.models import Edition, OrganizerRole, Page, Session
from tests.factories import (
    SHANGHAI,
    EditionFactory,
    NewsArticleFactory,
    OrganizerRoleFactory,
    RoomFactory,
    SessionFactory,
    SubForumFactory,
)

pytestmark = pytest.mark.django_db


def at(edition, hour, minute=0, day_offset=0):
    day = edition.start_date + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def test_marking_an_edition_current_unmarks_the_previous_one():
    first = EditionFactory(is_current=True)
    second = EditionFactory(is_current=True)
    first.refresh_from_db()
    assert not first.is_current
    assert second.is_current
    assert Edition.objects.current() == second


def test_database_refuses_two_current_editions():
    EditionFactory(is_current=True)
    other = EditionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.filter(pk=other.pk).update(is_current=True)


def test_database_refuses_edition_ending_before_it_starts():
    edition = EditionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(end_date=datetime.date(2000, 1, 1))


def test_clean_explains_edition_dates_in_order():
    edition = EditionFactory.build(end_date=datetime.date(2000, 1, 1))
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert "cannot end before it starts" in str(error.value.message_dict["end_date"])


def test_clean_requires_registration_to_close_after_it_opens():
    edition = EditionFactory.build(
        registration_opens=datetime.datetime(2030, 10, 1, tzinfo=SHANGHAI),
        registration_closes=datetime.datetime(2030, 9, 1, tzinfo=SHANGHAI),
    )
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert "registration_closes" in error.value.message_dict


def test_registration_window_is_open_only_between_its_dates():
    edition = EditionFactory.build(
        registration_opens=datetime.datetime(2030, 10, 1, tzinfo=SHANGHAI),
        registration_closes=datetime.datetime(2030, 11, 1, tzinfo=SHANGHAI),
    )
    assert not edition.registration_is_open(datetime.datetime(2030, 9, 30, tzinfo=SHANGHAI))
    assert edition.registration_is_open(datetime.datetime(2030, 10, 15, tzinfo=SHANGHAI))
    assert not edition.registration_is_open(datetime.datetime(2030, 11, 1, tzinfo=SHANGHAI))


def test_database_refuses_session_ending_before_it_starts(edition):
    session = SessionFactory(edition=edition)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(end=session.start)


def test_session_outside_edition_dates_is_rejected_with_message(edition):
    session = SessionFactory.build(
        edition=edition,
        room=RoomFactory(edition=edition),
        start=at(edition, 9, day_offset=5),
        end=at(edition, 10, day_offset=5),
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "within the edition's dates" in str(error.value.message_dict["start"])


def test_session_late_in_the_evening_local_time_is_inside_the_edition(edition):
    # 23:00 in Shanghai is 15:00 UTC on the same day: the edition's zone decides the date.
    session = SessionFactory.build(
        edition=edition,
        room=RoomFactory(edition=edition),
        start=at(edition, 23),
        end=at(edition, 23, 45),
    )
    session.full_clean()


def test_overlapping_sessions_in_one_room_are_rejected_with_the_clash(edition):
    room = RoomFactory(edition=edition)
    SessionFactory(
        edition=edition, room=room, title_en="Opening", start=at(edition, 9), end=at(edition, 10)
    )
    clash = SessionFactory.build(
        edition=edition, room=room, start=at(edition, 9, 30), end=at(edition, 11)
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    message = str(error.value.message_dict["room"])
    assert "Opening" in message and "09:00" in message


def test_back_to_back_sessions_and_other_rooms_do_not_clash(edition):
    room = RoomFactory(edition=edition)
    SessionFactory(edition=edition, room=room, start=at(edition, 9), end=at(edition, 10))
    SessionFactory.build(
        edition=edition, room=room, start=at(edition, 10), end=at(edition, 11)
    ).full_clean()
    SessionFactory.build(
        edition=edition,
        room=RoomFactory(edition=edition),
        start=at(edition, 9),
        end=at(edition, 10),
    ).full_clean()


def test_editing_a_session_does_not_clash_with_itself(edition):
    session = SessionFactory(edition=edition)
    session.title_en = "Renamed"
    session.full_clean()


def test_session_cannot_use_a_sub_forum_of_another_edition(edition):
    other = SubForumFactory(edition=EditionFactory())
    session = SessionFactory.build(
        edition=edition, room=RoomFactory(edition=edition), sub_forum=other
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "sub_forum" in error.value.message_dict


def test_sub_forum_slug_is_unique_per_edition_only(edition):
    SubForumFactory(edition=edition, slug="metallurgy")
    SubForumFactory(edition=EditionFactory(), slug="metallurgy")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubForumFactory(edition=edition, slug="metallurgy")


def test_rich_text_is_sanitized_on_save_in_both_languages():
    article = NewsArticleFactory(
        body_en='<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:x">y</a>',
        body_zh_hans="<p>你好</p><img src=x onerror=alert(1)>",
    )
    article.refresh_from_db()
    assert "script" not in article.body_en and "onclick" not in article.body_en
    assert "javascript:" not in article.body_en
    assert "onerror" not in article.body_zh_hans
    assert "<p>你好</p>" in article.body_zh_hans


def test_text_missing_in_one_language_falls_back_to_the_other():
    edition = EditionFactory(theme_en="Working together", theme_zh_hans="")
    with translation.override("zh-hans"):
        assert Edition.objects.get(pk=edition.pk).theme == "Working together"
    only_chinese = EditionFactory(theme_en="", theme_zh_hans="携手合作")
    with translation.override("en"):
        assert Edition.objects.get(pk=only_chinese.pk).theme == "携手合作"


def test_page_cannot_take_an_address_the_site_uses():
    page = Page(title_en="News", slug="news", body_en="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


def test_organizer_roles_are_grouped_in_poster_order(edition):
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.PRESENTER, order=1)
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.GUIDANCE, order=5)
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.ORGANIZER, order=3)
    OrganizerRoleFactory(edition=edition, role=OrganizerRole.Role.GUIDANCE, order=2)
    groups = queries.group_roles(queries.organizer_roles(edition))
    assert [label for label, _ in groups] == [
        "Under the guidance of",
        "Organized by",
        "Presented by",
    ]
    assert [r.order for r in groups[0][1]] == [2, 5]


def test_edition_days_cover_start_to_end():
    edition = EditionFactory.build(
        start_date=datetime.date(2030, 1, 30), end_date=datetime.date(2030, 2, 1)
    )
    assert edition.days == [
        datetime.date(2030, 1, 30),
        datetime.date(2030, 1, 31),
        datetime.date(2030, 2, 1),
    ]


@pytest.mark.parametrize(
    ("kind", "title", "kind_name", "tag"),
    [
        (Session.Kind.LUNCH, "Lunch", "", ""),
        (Session.Kind.LUNCH, "Working lunch", "", ""),
        (Session.Kind.LUNCH, "Buffet at the faculty club", "", "Lunch"),
        (Session.Kind.KEYNOTE, "Keynote  REPORT", "", ""),
        (Session.Kind.KEYNOTE, "Keynote report on steel", "", "Keynote report"),
        (Session.Kind.OTHER, "Poster session", "Poster session", ""),
    ],
)
def test_a_kind_is_tagged_only_where_the_title_does_not_say_it(kind, title, kind_name, tag):
    with translation.override("en"):
        assert Session(kind=kind, title=title, kind_name=kind_name).kind_tag == tag


def test_a_chinese_lunch_titled_lunch_needs_no_tag():
    with translation.override("zh-hans"):
        assert Session(kind=Session.Kind.LUNCH, title_zh_hans="午餐").kind_tag == ""
        assert Session(kind=Session.Kind.LUNCH, title_zh_hans="自助餐").kind_tag == "午餐"
