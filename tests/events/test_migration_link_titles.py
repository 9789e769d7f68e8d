"""The data migration of the link titles: the one title becomes the English one, and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0015_session_kinds_with_meals")]
AFTER = [("events", "0016_sessionlink_title_translated")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_link_titles_become_english_titles_and_come_back_when_reversed():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        series = apps.get_model("events", "Series").objects.create(name="ICIE", slug="icie")
        edition = apps.get_model("events", "Edition").objects.create(
            series=series,
            year=2031,
            title="ICIE 2031",
            start_date=datetime.date(2031, 11, 22),
            end_date=datetime.date(2031, 11, 22),
            city="Shenyang",
            venue="NEU",
        )
        start = datetime.datetime(2031, 11, 22, 1, tzinfo=datetime.UTC)
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
    finally:
        migrate(leaves)
