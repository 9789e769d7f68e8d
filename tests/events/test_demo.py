"""``manage.py load_demo``: the demo conference from NEU's report, loaded idempotently."""

import datetime
import io
import re
import zoneinfo

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from events.models import (
    Edition,
    Mode,
    NewsArticle,
    OrganizerRole,
    Page,
    Series,
    Session,
    Speaker,
)

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts(output: str) -> dict[str, int]:
    return {word: int(n) for n, word in re.findall(r"(\d+) (created|updated|removed)", output)}


def snapshot() -> dict[str, str]:
    """Every row of every events table (many-to-many tables included), serialized."""
    models = apps.get_app_config("events").get_models(include_auto_created=True)
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in models
    }


@pytest.fixture
def edition_2022():
    load_demo()
    return Edition.objects.get(year=2022)


def test_second_run_changes_nothing():
    first = load_demo()
    before = snapshot()

    second = load_demo()

    assert counts(first)["created"] > 0
    assert counts(second) == {"created": 0, "updated": 0, "removed": 0}
    assert snapshot() == before


def test_rerun_restores_an_edited_demo_value(edition_2022):
    Edition.objects.filter(pk=edition_2022.pk).update(experts_count=1)

    output = load_demo()

    edition_2022.refresh_from_db()
    assert edition_2022.experts_count == 300
    assert counts(output) == {"created": 0, "updated": 1, "removed": 0}


def test_2022_is_the_current_hybrid_edition_with_the_reported_figures(edition_2022):
    assert Edition.objects.current() == edition_2022
    assert edition_2022.mode == Mode.HYBRID
    assert edition_2022.start_date == edition_2022.end_date == datetime.date(2022, 11, 22)
    assert edition_2022.title_zh_hans == "2022国际产学研用合作会议（沈阳）"
    assert edition_2022.host.name_en == "Northeastern University"
    assert (
        edition_2022.countries_count,
        edition_2022.experts_count,
        edition_2022.postgraduates_count,
    ) == (10, 300, 200)
    assert len(edition_2022.participating_countries) == 11  # the ten named, and China


def test_2022_focus_fields_are_the_six_in_report_order(edition_2022):
    assert list(edition_2022.topics.values_list("title_en", flat=True)) == [
        "Intelligent Computing and Digital Transformation",
        "Metallurgy and Metal Materials",
        "High-end Equipment Manufacturing and New Materials",
        "Intelligent Chemical Engineering and New Energy Materials",
        "Green and Low-carbon Development",
        "Engineering Thermochemistry",
    ]


def test_2022_organizer_roles_are_in_report_order(edition_2022):
    roles = edition_2022.organizer_roles.select_related("organization")

    assert [(r.role, r.organization.name_zh_hans) for r in roles] == [
        (OrganizerRole.Role.GUIDANCE, "中华人民共和国教育部"),
        (OrganizerRole.Role.GUIDANCE, "辽宁省人民政府"),
        (OrganizerRole.Role.ORGANIZER, "教育部学校规划建设发展中心"),
        (OrganizerRole.Role.PRESENTER, "辽宁省教育厅"),
        (OrganizerRole.Role.PRESENTER, "东北大学"),
    ]


def test_neu_hosts_both_sub_forums_each_on_its_focus_field(edition_2022):
    sub_forums = edition_2022.sub_forums.select_related("host").prefetch_related("topics")

    assert [(s.slug, s.host.short_name_en) for s in sub_forums] == [
        ("intelligent-computing", "NEU"),
        ("metallurgy", "NEU"),
    ]
    assert [[t.title_en for t in s.topics.all()] for s in sub_forums] == [
        ["Intelligent Computing and Digital Transformation"],
        ["Metallurgy and Metal Materials"],
    ]
    assert all(s.chairs.exists() and s.room_id for s in sub_forums)


def test_2022_program_is_marked_sample_and_stays_on_the_day(edition_2022):
    sessions = list(Session.objects.for_edition(edition_2022))

    assert len(sessions) == 15
    assert all(s.is_sample for s in sessions)
    assert {s.start.astimezone(SHANGHAI).date() for s in sessions} == {edition_2022.start_date}
    for session in sessions:
        session.full_clean()  # the room-clash and edition-date rules
    assert Speaker.objects.filter(is_sample=False).count() == 0
    assert len(Session.objects.keynotes().filter(edition=edition_2022)) == 3


def test_2022_languages_follow_how_the_conference_was_held(edition_2022):
    sessions = Session.objects.for_edition(edition_2022)
    languages = {
        kind: set(sessions.filter(kind=kind).values_list("language", "interpretation_language"))
        for kind in (Session.Kind.OPENING, Session.Kind.KEYNOTE, Session.Kind.TALK)
    }
    # Foreign experts' keynote reports in English, interpreted into Chinese; the ceremonies the
    # other way round; the international sub-forums in English.
    assert languages == {
        Session.Kind.OPENING: {("zh", "en")},
        Session.Kind.KEYNOTE: {("en", "zh")},
        Session.Kind.TALK: {("en", "")},
    }
    assert set(
        sessions.filter(kind__in=Session.BREAK_KINDS).values_list("language", flat=True)
    ) == {""}


def test_only_the_opening_livestream_is_public(edition_2022):
    public = Session.objects.filter(link_visibility=Session.Visibility.PUBLIC)

    assert list(public.values_list("kind", flat=True)) == [Session.Kind.OPENING]


def test_the_report_is_published_as_2022_news(edition_2022):
    article = NewsArticle.objects.published().get(slug="2022-conference-held-at-neu")

    assert article.edition == edition_2022
    assert article.published_on == datetime.date(2022, 12, 2)
    assert article.edited_by_en == "Lei Chang, Yuhui Wang"
    assert "more than 300 experts and scholars" in article.body_en
    assert "300余名专家学者" in article.body_zh_hans


def test_about_venue_and_contact_pages_are_in_the_menu(edition_2022):
    pages = Page.objects.filter(in_menu=True, is_published=True)

    assert list(pages.values_list("slug", flat=True)) == ["about", "venue", "contact"]
    assert all(p.body_en and p.body_zh_hans for p in pages)


def test_2019_is_in_the_archive(edition_2022):
    edition = Edition.objects.published().get(year=2019)

    assert not edition.is_current
    assert edition.host == edition_2022.host
    assert edition.sessions.count() == 0


def test_loading_makes_2022_current_in_place_of_another_edition():
    series = Series.objects.create(name="Other series", slug="other")
    other = Edition.objects.create(
        series=series,
        year=2030,
        title="Other",
        city="X",
        venue="Y",
        is_current=True,
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2030, 1, 1),
    )

    load_demo()

    other.refresh_from_db()
    assert not other.is_current
    assert Edition.objects.current().year == 2022


# --- load_demo --open-registration: the 2022 window around today, for trying to register ---


def load_demo_open() -> str:
    out = io.StringIO()
    call_command("load_demo", "--open-registration", stdout=out)
    return out.getvalue()


def test_open_registration_opens_2022_from_midnights_around_today(time_machine):
    # 20:30 UTC on 1 March is already 2 March in Shanghai: the edition's day counts.
    time_machine.move_to(datetime.datetime(2031, 3, 1, 20, 30, tzinfo=datetime.UTC), tick=False)

    load_demo_open()

    edition = Edition.objects.get(year=2022)
    assert edition.registration_opens == datetime.datetime(2031, 1, 31, tzinfo=SHANGHAI)
    assert edition.registration_closes == datetime.datetime(2031, 5, 1, tzinfo=SHANGHAI)
    assert edition.registration_is_open()


def test_open_registration_twice_on_the_same_day_changes_nothing(time_machine):
    time_machine.move_to(datetime.datetime(2031, 3, 2, 8, 0, tzinfo=SHANGHAI), tick=False)
    load_demo_open()
    before = snapshot()

    time_machine.move_to(datetime.datetime(2031, 3, 2, 23, 0, tzinfo=SHANGHAI), tick=False)
    second = load_demo_open()

    assert counts(second) == {"created": 0, "updated": 0, "removed": 0}
    assert snapshot() == before


def test_open_registration_on_the_next_day_moves_the_window_by_a_day(time_machine):
    time_machine.move_to(datetime.datetime(2031, 3, 2, 8, 0, tzinfo=SHANGHAI), tick=False)
    load_demo_open()

    time_machine.move_to(datetime.datetime(2031, 3, 3, 8, 0, tzinfo=SHANGHAI), tick=False)
    output = load_demo_open()

    edition = Edition.objects.get(year=2022)
    assert edition.registration_opens == datetime.datetime(2031, 2, 1, tzinfo=SHANGHAI)
    assert counts(output) == {"created": 0, "updated": 1, "removed": 0}


def test_loading_without_the_flag_restores_the_historical_window(time_machine):
    time_machine.move_to(datetime.datetime(2031, 3, 2, 8, 0, tzinfo=SHANGHAI), tick=False)
    load_demo_open()

    load_demo()

    edition = Edition.objects.get(year=2022)
    assert edition.registration_opens == datetime.datetime(2022, 10, 10, 9, 0, tzinfo=SHANGHAI)
    assert edition.registration_closes == datetime.datetime(2022, 11, 20, 23, 59, tzinfo=SHANGHAI)
    assert not edition.registration_is_open()
