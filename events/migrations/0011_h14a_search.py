"""Search on PostgreSQL: each kind's folded document, stored, with a trigram index.

``conference_search_fold`` is ``lower(unaccent(text))``, declared IMMUTABLE so that it can fill
a generated column (``unaccent()`` alone is only STABLE because its dictionary could change).
The document is stored rather than only indexed: a query of one or two Chinese characters has no
trigram to look up, and then every row is compared, which is fast on a stored column and slow
when the document is folded again per row. The models do not declare the column (SQLite has no
such column; events/search.py reads it on PostgreSQL only). The field lists repeat
``events.search.DOCUMENT_FIELDS`` as it stood when this was written.
On SQLite nothing happens here: the function is registered on each connection (events/apps.py).
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


def _document_sql(model_name, fields):
    document = " || ' ' || ".join(f"""COALESCE("{name}", '')""" for name in fields)
    return (
        f'ALTER TABLE "events_{model_name}" ADD COLUMN IF NOT EXISTS search_document text '
        f"GENERATED ALWAYS AS (conference_search_fold({document})) STORED"
    )


def _index_sql(model_name):
    return (
        f'CREATE INDEX IF NOT EXISTS "{model_name}_search_trgm" ON "events_{model_name}" '
        f"USING gin (search_document gin_trgm_ops)"
    )


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(FUNCTION)
    for model_name, fields in DOCUMENTS.items():
        schema_editor.execute(_document_sql(model_name, fields))
        schema_editor.execute(_index_sql(model_name))


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in DOCUMENTS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{model_name}_search_trgm"')
        schema_editor.execute(
            f'ALTER TABLE "events_{model_name}" DROP COLUMN IF EXISTS search_document'
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS conference_search_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("events", "0010_h14b_featured_covers_edition_pages")]

    operations = [migrations.RunPython(add_search, remove_search, elidable=False)]
