"""Search on PostgreSQL: the folding function and a trigram index of each kind's document.

``conference_search_fold`` is ``lower(unaccent(text))``, declared IMMUTABLE so it can be
indexed (``unaccent()`` alone is only STABLE because its dictionary could change). The
documents repeat ``events.search.document`` as it stood when this was written; a test on
PostgreSQL checks that the search still uses these indexes. On SQLite nothing happens here: the
function is registered on each connection (events/apps.py) and the tables are small.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION conference_search_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
"""

DOCUMENTS = {
    "session": ("title_en", "title_zh_hans", "abstract_en", "abstract_zh_hans"),
    "speaker": (
        "name",
        "name_original",
        "affiliation_en",
        "affiliation_zh_hans",
        "position_en",
        "position_zh_hans",
    ),
    "subforum": ("title_en", "title_zh_hans", "description_en", "description_zh_hans"),
    "newsarticle": (
        "title_en",
        "title_zh_hans",
        "summary_en",
        "summary_zh_hans",
        "body_en",
        "body_zh_hans",
    ),
    "page": ("title_en", "title_zh_hans", "body_en", "body_zh_hans"),
}


def _index_sql(model_name, fields):
    # Spelled as the ORM writes the search's WHERE clause, so that the planner matches it.
    document = " || ' ' || ".join(f"""COALESCE("{name}", '')""" for name in fields)
    table = f"events_{model_name}"
    return (
        f'CREATE INDEX IF NOT EXISTS "{model_name}_search_trgm" ON "{table}" '
        f"USING gin (conference_search_fold({document}) gin_trgm_ops)"
    )


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(FUNCTION)
    for model_name, fields in DOCUMENTS.items():
        schema_editor.execute(_index_sql(model_name, fields))


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in DOCUMENTS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{model_name}_search_trgm"')
    schema_editor.execute("DROP FUNCTION IF EXISTS conference_search_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("events", "0009_schedule_imports")]

    operations = [migrations.RunPython(add_search, remove_search, elidable=False)]
