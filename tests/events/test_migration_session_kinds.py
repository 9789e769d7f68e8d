"""The data migration of the session kinds: "invited talk" becomes "talk", and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0013_h13b_room_edition_required")]
AFTER = [("events", "0014_h13a_session_language_and_day_change")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_invited_talks_become_talks_and_go_back_when_reversed():
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
        sessions = apps.get_model("events", "Session").objects
        for kind in ("invited", "keynote"):
            sessions.create(
                edition=edition,
                kind=kind,
                title=kind,
                start=start,
                end=start + datetime.timedelta(hours=1),
            )

        apps = migrate(AFTER)
        kinds = apps.get_model("events", "Session").objects.values_list("title", "kind")
        assert dict(kinds) == {"invited": "talk", "keynote": "keynote"}
        apps.get_model("events", "Session").objects.filter(title="keynote").update(kind="workshop")

        apps = migrate(BEFORE)
        rows = apps.get_model("events", "Session").objects.values_list("title", "kind")
        assert set(rows) == {("invited", "invited"), ("keynote", "other")}
    finally:
        migrate(leaves)
