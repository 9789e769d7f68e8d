"""The data migration of the session kinds: "invited talk" becomes "talk", and back."""

import datetime

import pytest

from tests.events.migration_states import START, back_to_latest, historical_edition, migrate

BEFORE = [("events", "0013_h13b_room_edition_required")]
AFTER = [("events", "0014_h13a_session_language_and_day_change")]


@pytest.mark.django_db(transaction=True)
def test_invited_talks_become_talks_and_go_back_when_reversed():
    with back_to_latest():
        apps = migrate(BEFORE)
        edition = historical_edition(apps)
        start = START
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
