"""Work the task queue's worker does for the conference (``manage.py db_worker``)."""

from django_tasks import task

from . import edition_files


@task()
def build_edition_files(
    edition_id: int | None = None,
    kind_name: str | None = None,
    language: str | None = None,
    only_stale: bool = True,
) -> int:
    """Build the whole-edition files that are missing or stale (every one with
    ``only_stale=False``); how many were stored."""
    built = edition_files.build_files(
        edition_id=edition_id, kind_name=kind_name, language=language, only_stale=only_stale
    )
    return len(built)


@task()
def run_schedule_import(run_id: int) -> str:
    """Preview or import a schedule uploaded in the admin (``events.imports.runs``)."""
    from .imports import runs

    return runs.run(run_id)
