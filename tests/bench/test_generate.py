"""``python -m bench.generate``: a synthetic edition for the benchmark, at the normal size."""

import re
from collections import Counter

import pytest

from attendees.models import Registration
from bench.generate import Refused, generate, main
from events.models import Edition, NewsArticle, Room, Session, SessionSpeaker, Speaker, SubForum
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

YEAR = 2090
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def edition() -> Edition:
    generate(size="normal", year=YEAR)
    return Edition.objects.get(year=YEAR)


def program(edition: Edition) -> list[tuple]:
    """What a visitor reads of the program, in order: enough to tell two generations apart."""
    return list(
        Session.objects.filter(edition=edition)
        .order_by("start", "room__name_en")
        .values_list("title_en", "title_zh_hans", "start", "end", "room__name_en")
    )


def test_normal_size_has_the_announced_counts(edition):
    sub_forums = SubForum.objects.filter(edition=edition)
    sessions = Session.objects.filter(edition=edition)

    assert edition.days == [edition.start_date, edition.start_date.replace(day=3)]
    assert sub_forums.count() == 8
    assert Room.objects.filter(sub_forums__in=sub_forums).distinct().count() == 8
    assert set(sessions.values_list("room", flat=True)) == set(
        sub_forums.values_list("room", flat=True)
    )
    assert sessions.count() == 400
    assert Speaker.objects.filter(sessions__edition=edition).distinct().count() == 300
    assert Registration.objects.filter(edition=edition).count() == 1000
    assert NewsArticle.objects.published().filter(edition=edition).count() == 20


def test_sessions_never_overlap_in_a_room_and_last_30_to_45_minutes(edition):
    by_room = {}
    for session in Session.objects.filter(edition=edition).order_by("start"):
        by_room.setdefault(session.room_id, []).append(session)
        assert 30 * 60 <= session.duration.total_seconds() <= 45 * 60
        assert edition.takes_place_within(session.start, session.end)
    for sessions in by_room.values():
        for before, after in zip(sessions, sessions[1:], strict=False):
            assert before.end <= after.start


def test_every_session_has_one_to_three_speakers(edition):
    per_session = Counter(
        SessionSpeaker.objects.filter(session__edition=edition).values_list("session", flat=True)
    )

    assert len(per_session) == 400
    assert set(per_session.values()) == {1, 2, 3}


def test_texts_exist_in_both_languages_and_say_they_are_synthetic(edition):
    session = Session.objects.filter(edition=edition).first()
    speaker = Speaker.objects.filter(sessions__edition=edition).first()

    assert "Synthetic" in edition.title_en and CHINESE.search(edition.title_zh_hans)
    assert session.title_en and CHINESE.search(session.title_zh_hans)
    assert session.is_sample and session.abstract_en.startswith("Synthetic entry")
    assert speaker.is_sample and CHINESE.search(speaker.biography_zh_hans)
    assert 70 <= len(speaker.biography_en.split()) <= 110
    assert all(
        CHINESE.search(title)
        for title in NewsArticle.objects.filter(edition=edition).values_list(
            "title_zh_hans", flat=True
        )
    )


def test_registration_is_open_with_room_for_more(edition):
    assert edition.is_published and edition.registration_is_open()
    assert edition.on_site_capacity >= 2 * Registration.objects.filter(edition=edition).count()


def test_an_existing_edition_is_replaced_only_when_asked(edition):
    with pytest.raises(Refused, match="--replace"):
        generate(size="normal", year=YEAR)

    assert "Replaced" in generate(size="normal", year=YEAR, replace=True)
    assert Session.objects.filter(edition__year=YEAR).count() == 400


def test_the_same_seed_gives_the_same_program(edition):
    before = program(edition)

    generate(size="normal", year=YEAR, replace=True)
    same = program(Edition.objects.get(year=YEAR))
    generate(size="normal", year=YEAR, replace=True, seed=2)
    other = program(Edition.objects.get(year=YEAR))

    assert same == before
    assert other != before


def test_an_edition_that_was_not_generated_is_never_replaced():
    EditionFactory(year=YEAR)

    with pytest.raises(Refused, match="not generated"):
        generate(size="normal", year=YEAR, replace=True)

    assert not Session.objects.filter(edition__year=YEAR).exists()


def test_the_command_line_says_what_it_generated_and_why_it_refuses(capsys):
    main(["--edition", str(YEAR), "--current"])
    assert capsys.readouterr().out.startswith(f"Generated synthetic edition {YEAR} (normal):")
    assert Edition.objects.get(year=YEAR).is_current

    with pytest.raises(SystemExit) as refused:
        main(["--edition", str(YEAR)])
    assert refused.value.code == 1
    assert "pass --replace" in capsys.readouterr().err


@pytest.mark.postgres
def test_postgresql_has_statistics_of_the_generated_rows(edition):
    """Plans are made for the rows written, not for empty tables, as on a live site."""
    from django.db import connection

    from tests.conftest import cannot_run

    if connection.vendor != "postgresql":
        cannot_run("needs PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'events_session'")
        assert cursor.fetchone()[0] >= Session.objects.count() > 0
