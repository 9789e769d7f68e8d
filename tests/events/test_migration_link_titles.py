"""The data migration of the link titles: the one title becomes the English one, and back."""

import datetime

import pytest

from tests.events.migration_states import START, back_to_latest, historical_edition, migrate

BEFORE = [("events", "0015_session_kinds_with_meals")]
AFTER = [("events", "0016_sessionlink_title_translated")]


@pytest.mark.django_db(transaction=True)
def test_link_titles_become_english_titles_and_come_back_when_reversed():
    with back_to_latest():
        apps = migrate(BEFORE)
        edition = historical_edition(apps)
        start = START
        session = apps.get_model("events", "Session").objects.create(
            edition=edition, title="Keynote", start=start, end=start + datetime.timedelta(hours=1)
        )
        link = apps.get_model("events", "SessionLink").objects.create(
            session=session, kind="attachment", title="Slides", url="https://example.org/s.pdf"
        )
        apps.get_model("events", "HistoricalSessionLink").objects.create(
            id=link.pk,
            session=session,
            kind="attachment",
            title="Slides",
            url="https://example.org/s.pdf",
            order=0,
            history_date=start,
            history_type="+",
        )

        apps = migrate(AFTER)
        for name in ("SessionLink", "HistoricalSessionLink"):
            titles = apps.get_model("events", name).objects.values_list("title_en", "title_zh_hans")
            assert list(titles) == [("Slides", None)]
        links = apps.get_model("events", "SessionLink").objects
        links.update(title_en="Slides (revised)", title_zh_hans="幻灯片")
        links.create(
            session_id=session.pk, title="", title_zh_hans="论文", url="https://example.org/p"
        )

        apps = migrate(BEFORE)
        titles = apps.get_model("events", "SessionLink").objects.order_by("pk")
        assert list(titles.values_list("title", flat=True)) == ["Slides (revised)", "论文"]
