"""The whole edition's files (program.pdf, program.ics, schedule.xml, schedule.json): built ahead
by the worker, served as stored, never stale after an edit (events/edition_files.py)."""

import dataclasses
import io
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from events import edition_files
from events.models import EditionFile, Session
from events.versions import content_changed
from tests.events.sample_program import build_program
from tests.events.test_public_pages import build_conference
from tests.factories import EditionFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

KINDS = ["program.ics", "schedule.xml", "schedule.json", "program.pdf"]
LANGUAGES = [("", "en"), ("/zh-hans", "zh-hans")]
# What draws each kind's content: called when a file is built, never when one is served.
DRAWERS = {
    "program.ics": "events.exports.ical.calendar",
    "schedule.xml": "events.exports.frab.FrabSchedule.to_xml",
    "schedule.json": "events.exports.frab.FrabSchedule.to_json",
    "program.pdf": "attendees.documents.program.render_program",
}


@pytest.fixture
def tasks_wait_for_a_worker(settings):
    """Tasks are only recorded, as when the worker has not picked them up yet."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    return default_task_backend


def run_the_worker(backend) -> None:
    """What the worker does with the tasks recorded so far."""
    results, backend.results = list(backend.results), []
    for result in results:
        result.task.call(*result.args, **result.kwargs)


def text_of(kind: str, content: bytes) -> str:
    if kind.endswith(".pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode()


def rename_keynote(edition, english: str, chinese: str) -> None:
    keynote = Session.objects.get(edition=edition, title_en="Opening keynote")
    keynote.title_en, keynote.title_zh_hans = english, chinese
    keynote.save()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("prefix,language", LANGUAGES)
def test_a_stored_file_is_served_without_drawing_it(
    client, django_assert_num_queries, kind, prefix, language
):
    edition = build_program()
    stored = edition_files.build(edition, kind, language)

    with mock.patch(DRAWERS[kind]) as drawer, django_assert_num_queries(3):
        # The edition, the content version, the stored file.
        response = client.get(f"{prefix}/{edition.year}/{kind}")

    drawer.assert_not_called()
    assert response.status_code == 200
    assert response.getvalue() == stored.file.open("rb").read()
    assert response["ETag"] == f'"{stored.etag}"'
    assert "Last-Modified" in response
    assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert (
        client.get(
            f"{prefix}/{edition.year}/{kind}", HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    "kind,content_type,disposition,cors",
    [
        ("program.ics", "text/calendar; charset=utf-8", "attachment", True),
        ("schedule.xml", "application/xml; charset=utf-8", "inline", True),
        ("schedule.json", "application/json; charset=utf-8", "inline", True),
        ("program.pdf", "application/pdf", "inline", False),
    ],
)
def test_a_stored_file_keeps_the_headers_of_its_kind(client, kind, content_type, disposition, cors):
    edition = build_program()
    edition_files.build(edition, kind, "en")

    response = client.get(f"/{edition.year}/{kind}")

    name, extension = kind.split(".")
    name = "schedule" if name == "schedule" else "program"
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"]
        == f'{disposition}; filename="{name}-{edition.year}.{extension}"'
    )
    assert (response.get("Access-Control-Allow-Origin") == "*") is cors


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("prefix,language", LANGUAGES)
def test_after_an_edit_the_old_file_is_never_served_and_the_worker_draws_the_new_one(
    client, tasks_wait_for_a_worker, kind, prefix, language
):
    edition = build_program()
    edition_files.build_files()
    url = f"{prefix}/{edition.year}/{kind}"
    assert "Opening keynote" in text_of(kind, client.get(url).getvalue()) or language != "en"

    rename_keynote(edition, "Closing keynote", "闭幕主旨报告")
    waiting = client.get(url)

    assert waiting.status_code == 503
    assert b"Opening keynote" not in waiting.content and "开幕主旨报告" not in waiting.text
    assert int(waiting["Retry-After"]) >= 5
    assert waiting["Refresh"] == waiting["Retry-After"]
    assert "no-cache" in waiting["Cache-Control"]
    assert f'lang="{language}"' in waiting.text
    assert kind in waiting.text

    run_the_worker(tasks_wait_for_a_worker)
    served = client.get(url)

    assert served.status_code == 200
    expected = "Closing keynote" if language == "en" else "闭幕主旨报告"
    assert expected in text_of(kind, served.getvalue())


def test_the_waiting_page_says_when_to_come_back(client, tasks_wait_for_a_worker):
    edition = build_program()
    edition_files.build(edition, "program.pdf", "en")
    EditionFile.objects.update(build_seconds=11.2)
    content_changed()

    waiting = client.get(f"/{edition.year}/program.pdf")

    # A second longer than the last build took, so the browser's own retry finds the new file.
    assert waiting["Retry-After"] == "13"
    assert "about 13 seconds" in waiting.text


def test_a_file_never_built_is_built_by_the_worker_on_first_request(
    client, tasks_wait_for_a_worker
):
    edition = build_program()
    url = f"/zh-hans/{edition.year}/program.ics"

    assert client.get(url).status_code == 503
    assert client.get(url).status_code == 503
    # A rush of visitors asks once for the file they want, not for every file.
    [result] = tasks_wait_for_a_worker.results
    assert result.kwargs == {
        "edition_id": edition.pk,
        "kind_name": "program.ics",
        "language": "zh-hans",
    }

    run_the_worker(tasks_wait_for_a_worker)

    assert client.get(url).status_code == 200
    assert list(EditionFile.objects.values_list("kind", "language")) == [("program.ics", "zh-hans")]


def test_a_cache_outage_still_asks_for_the_build(client, tasks_wait_for_a_worker):
    edition = build_program()

    with mock.patch("events.edition_files.cache.add", side_effect=ConnectionError("refused")):
        response = client.get(f"/{edition.year}/schedule.json")

    assert response.status_code == 503
    assert len(tasks_wait_for_a_worker.results) == 1


def test_with_tasks_run_at_once_the_request_builds_the_file(client, tasks_run_at_once):
    edition = build_program()
    rename_keynote(edition, "Closing keynote", "闭幕主旨报告")

    response = client.get(f"/{edition.year}/program.ics")

    assert response.status_code == 200
    assert b"Closing keynote" in response.getvalue()


def test_a_bulk_change_enqueues_one_rebuild_after_commit(
    tasks_wait_for_a_worker, django_capture_on_commit_callbacks
):
    edition = build_conference(20)
    tasks_wait_for_a_worker.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for session in Session.objects.filter(edition=edition):
                session.title_en += " (updated)"
                session.save()
        assert tasks_wait_for_a_worker.results == []  # nothing before the commit

    [result] = tasks_wait_for_a_worker.results
    assert result.task.name == "build_edition_files"
    assert result.kwargs == {}


def test_a_rolled_back_change_enqueues_nothing_and_the_next_one_enqueues(
    tasks_wait_for_a_worker, django_capture_on_commit_callbacks
):
    edition = build_program()
    tasks_wait_for_a_worker.clear()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        rename_keynote(edition, "Never shown", "从未显示")
        raise RuntimeError
    assert tasks_wait_for_a_worker.results == []

    with django_capture_on_commit_callbacks(execute=True):
        rename_keynote(edition, "Closing keynote", "闭幕主旨报告")
        edition.save()
    assert len(tasks_wait_for_a_worker.results) == 1


def test_a_file_drawn_while_content_changed_is_not_stored():
    edition = build_program()
    calendar = edition_files.kind("program.ics")

    def draw_during_an_edit(edition):
        content = calendar.draw(edition)
        content_changed()  # an organizer's edit commits while the file is drawn
        return content

    changing = dataclasses.replace(calendar, draw=draw_during_an_edit)
    with mock.patch.dict(edition_files._kinds, {"program.ics": changing}):
        assert edition_files.build(edition, "program.ics", "en") is None
    assert not EditionFile.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", [5, 40])
def test_building_a_file_costs_the_same_queries_whatever_the_program(
    django_assert_num_queries, kind, size
):
    edition = build_conference(size)
    edition = edition_files.editions_with_files(edition.pk).get()
    # The content version, the sessions with rooms and sub-forums, their speakers, their links
    # and attachments (frab: and the sub-forums as tracks), the content version again, the file
    # it replaces, the upsert.
    expected = {"schedule.xml": 8, "schedule.json": 8}.get(kind, 7)
    with django_assert_num_queries(expected):
        edition_files.build(edition, kind, "en")


def test_the_build_command_builds_every_file_of_every_published_edition():
    first, second = build_program(year=2022), EditionFactory(year=2023)
    SessionFactory(edition=second)
    EditionFactory(year=2024, is_published=False)
    out = io.StringIO()

    call_command("build_edition_files", stdout=out)

    built = set(EditionFile.objects.values_list("edition__year", "kind", "language"))
    assert built == {
        (edition.year, kind, language)
        for edition in (first, second)
        for kind in KINDS
        for language in ("en", "zh-hans")
    }
    assert "Built 16 files" in out.getvalue()
    assert all(edition_files.fresh_file(first, kind, "en") for kind in KINDS)


def test_the_build_command_can_build_only_what_is_stale():
    edition = build_program()
    call_command("build_edition_files", stdout=io.StringIO())
    out = io.StringIO()
    call_command("build_edition_files", "--stale", "--year", str(edition.year), stdout=out)
    assert "Built 0 files" in out.getvalue()

    with pytest.raises(CommandError, match="No published edition 1999"):
        call_command("build_edition_files", "--year", "1999", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_rebuilds_after_a_committed_edit(client, settings):
    """The whole path as deployed: the edit commits and enqueues in the database, the worker
    (``manage.py db_worker``) draws the file."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    edition = build_program()
    edition_files.build_files()
    DBTaskResult.objects.all().delete()

    rename_keynote(edition, "Closing keynote", "闭幕主旨报告")  # autocommit: committed at once
    assert DBTaskResult.objects.count() == 1
    assert client.get(f"/zh-hans/{edition.year}/program.pdf").status_code == 503

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")

    response = client.get(f"/zh-hans/{edition.year}/program.pdf")
    assert response.status_code == 200
    assert "闭幕主旨报告" in text_of("program.pdf", response.getvalue())
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_deleted_edition_takes_its_files_along(django_capture_on_commit_callbacks):
    edition = build_program()
    stored = edition_files.build(edition, "program.ics", "en")
    assert default_storage.exists(stored.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        edition.delete()

    assert not EditionFile.objects.exists()
    assert not default_storage.exists(stored.file.name)


def test_a_rebuild_replaces_the_stored_file():
    edition = build_program()
    first = edition_files.build(edition, "program.pdf", "en")
    second = edition_files.build(edition, "program.pdf", "en")  # a PDF records when it was made

    assert first.file.name != second.file.name
    assert not default_storage.exists(first.file.name)
    assert default_storage.listdir(f"edition-files/{edition.year}")[1] == [
        second.file.name.rsplit("/", 1)[1]
    ]


def test_a_file_replaced_while_the_request_reads_its_row_is_served_new(client):
    edition = build_program()
    old = edition_files.build(edition, "program.pdf", "en")
    new = edition_files.build(edition, "program.pdf", "en")
    rows = iter([old])

    def row_read_before_the_rebuild(*args):
        return next(rows, None) or EditionFile.objects.get(pk=new.pk)

    with mock.patch("events.edition_files.fresh_file", side_effect=row_read_before_the_rebuild):
        response = client.get(f"/{edition.year}/program.pdf")

    assert response.status_code == 200
    assert response["ETag"] == f'"{new.etag}"'


def test_a_file_lost_from_the_storage_is_drawn_again(client, tasks_wait_for_a_worker):
    edition = build_program()
    stored = edition_files.build(edition, "schedule.xml", "en")
    default_storage.delete(stored.file.name)  # media restored from an older backup, say

    assert client.get(f"/{edition.year}/schedule.xml").status_code == 503
    run_the_worker(tasks_wait_for_a_worker)

    response = client.get(f"/{edition.year}/schedule.xml")
    assert response.status_code == 200
    assert b"<schedule>" in response.getvalue()
