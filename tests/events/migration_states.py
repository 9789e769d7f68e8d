"""Data migrations tested on the models as they stood: move the schema to a migration, write rows
through its historical models, move on, and always come back to the latest schema."""

import contextlib
import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

START = datetime.datetime(2031, 11, 22, 1, tzinfo=datetime.UTC)


def migrate(targets):
    """The schema moved to ``targets``; the historical models (``apps``) at that point."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@contextlib.contextmanager
def back_to_latest():
    """Whatever happens inside, the database ends on the latest migrations."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        yield
    finally:
        migrate(leaves)


def historical_edition(apps):
    """An edition of 2031 written through the historical models ``apps``."""
    series = apps.get_model("events", "Series").objects.create(name="ICIE", slug="icie")
    return apps.get_model("events", "Edition").objects.create(
        series=series,
        year=2031,
        title="ICIE 2031",
        start_date=START.date(),
        end_date=START.date(),
        city="Shenyang",
        venue="NEU",
    )
