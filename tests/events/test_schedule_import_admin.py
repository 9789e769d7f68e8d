"""The admin's "Import a schedule": the request stores the upload and enqueues; the worker
previews or imports it; the status page tells the organizer how it went."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.edition_files import build_files
from events.models import ScheduleImport, Session
from tests.events.sample_program import build_program, program_of
from tests.events.test_frab_import import copy_target, frab_program
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db

BROKEN = b"<schedule><day></schedule>"


def organizer(*permissions):
    user = UserFactory(is_staff=True)
    for codename in ("view_edition", "change_edition", *permissions):
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="events")
        )
    return user


def upload(client, edition, data, **extra):
    url = reverse("admin:events_edition_import_schedule", args=[edition.pk])
    file = io.BytesIO(data)
    file.name = "schedule.xml"
    return client.post(url, {"file": file, "language": "en", **extra})


def status_url(run):
    return reverse("admin:events_edition_import_schedule_status", args=[run.edition_id, run.pk])


def november_edition(year=2022):
    return EditionFactory(
        year=year, start_date=datetime.date(2022, 11, 22), end_date=datetime.date(2022, 11, 26)
    )


def test_the_upload_enqueues_the_work_and_does_none_of_it(client):
    edition = november_edition()
    client.force_login(organizer("change_session"))
    data = frab_program(10, "Room")

    response = upload(client, edition, data, _import="1")

    run = ScheduleImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(run)
    assert Session.objects.count() == 0
    assert (run.kind, run.status, bytes(run.upload), run.file_name) == (
        "import",
        "queued",
        data,
        "schedule.xml",
    )
    task = DBTaskResult.objects.get(task_path="events.tasks.run_schedule_import")
    assert task.args_kwargs["args"] == [run.pk]

    waiting = client.get(response["Location"])
    html = waiting.content.decode()
    assert waiting.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Waiting for the worker" in html


def test_preview_then_import_of_the_same_stored_file(client, media_root, run_tasks):
    source = build_program()
    build_files()  # as the worker does: the exports the copy reads are there
    target, files = copy_target(Client(), source)
    user = organizer("change_session")
    client.force_login(user)
    change_page = client.get(reverse("admin:events_edition_change", args=[target.pk]))
    assert "Import a schedule" in change_page.content.decode()

    preview_response = upload(client, target, files["xml", "en"], _preview="1")
    run_tasks()
    preview = ScheduleImport.objects.get()
    page = client.get(preview_response["Location"])
    html = page.content.decode()
    assert "Preview: nothing has been written yet" in html
    assert "Sessions: 6 to create, 0 to update, 0 unchanged" in html and "Opening keynote" in html
    assert "refresh" not in html
    assert 'value="Import"' in html
    assert Session.objects.filter(edition=target).count() == 0

    # The organizer does not upload again: the button imports the file the preview read.
    imported = client.post(preview_response["Location"])
    run = ScheduleImport.objects.get(kind="import")
    assert imported["Location"] == status_url(run)
    assert (run.preview, run.requested_by) == (preview, user)
    assert Session.objects.filter(edition=target).count() == 0
    run_tasks()

    done = client.get(imported["Location"]).content.decode()
    assert "The schedule was imported" in done
    assert "Sessions: 6 created, 0 updated, 0 unchanged" in done
    assert program_of(target)[0][0] == "Opening keynote"
    assert Session.objects.filter(edition=target).count() == 6
    assert Session.history.filter(history_type="+", history_user=user).count() == 6
    # Imported: no copy of the file is kept.
    assert ScheduleImport.objects.filter(upload__isnull=False).count() == 0

    again = client.get(preview_response["Location"]).content.decode()
    assert "This file has been sent to import" in again
    refused = client.post(preview_response["Location"])
    assert refused.status_code == 400
    assert "This preview can no longer be imported" in refused.content.decode()
    assert ScheduleImport.objects.filter(kind="import").count() == 1


def test_a_malformed_file_is_explained_on_the_status_page(client, run_tasks):
    edition = november_edition()
    client.force_login(organizer("change_session"))

    response = upload(client, edition, BROKEN, _import="1")
    run_tasks()

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "The file cannot be imported; nothing was changed" in html
    assert "Line 1, column" in html
    assert ScheduleImport.objects.get().status == "failed"
    assert Session.objects.count() == 0


def test_a_file_that_changes_nothing_offers_no_import(client, run_tasks):
    edition = november_edition()
    client.force_login(organizer("change_session"))
    data = frab_program(10, "Room")
    upload(client, edition, data, _import="1")
    run_tasks()

    response = upload(client, edition, data, _preview="1")
    run_tasks()

    html = client.get(response["Location"]).content.decode()
    assert "importing it would change nothing" in html
    assert 'value="Import"' not in html


def test_pages_are_refused_without_permission_to_change_sessions(client, run_tasks):
    edition = november_edition()
    client.force_login(organizer("change_session"))
    upload(client, edition, frab_program(10, "Room"), _preview="1")
    run_tasks()
    run = ScheduleImport.objects.get()

    client.force_login(organizer())
    change_page = client.get(reverse("admin:events_edition_change", args=[edition.pk]))
    assert change_page.status_code == 200
    assert "Import a schedule" not in change_page.content.decode()
    url = reverse("admin:events_edition_import_schedule", args=[edition.pk])
    assert client.get(url).status_code == 403
    assert upload(client, edition, frab_program(10, "Room"), _import="1").status_code == 403
    assert client.get(status_url(run)).status_code == 403
    assert client.post(status_url(run)).status_code == 403
    assert ScheduleImport.objects.count() == 1
    assert Session.objects.count() == 0


def test_the_status_page_of_another_editions_run_is_not_found(client):
    edition, other = november_edition(), november_edition(2023)
    client.force_login(organizer("change_session"))
    upload(client, edition, frab_program(10, "Room"), _preview="1")
    run = ScheduleImport.objects.get()

    url = reverse("admin:events_edition_import_schedule_status", args=[other.pk, run.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ScheduleImport.objects.count() == 1


def test_the_upload_page_lists_the_editions_runs(client, run_tasks):
    edition, other = november_edition(), november_edition(2023)
    client.force_login(organizer("change_session"))
    upload(client, edition, BROKEN, _preview="1")
    upload(client, other, BROKEN, _preview="1")
    run_tasks()
    mine = ScheduleImport.objects.get(edition=edition)

    html = client.get(reverse("admin:events_edition_import_schedule", args=[edition.pk]))
    assert status_url(mine) in html.content.decode()
    assert html.content.decode().count("/import-schedule/") - 1 == 1  # the form posts to one


def test_a_previews_upload_is_dropped_after_a_day(client, run_tasks):
    edition = november_edition()
    client.force_login(organizer("change_session"))
    upload(client, edition, frab_program(10, "Room"), _preview="1")
    run_tasks()
    preview = ScheduleImport.objects.get()
    ScheduleImport.objects.filter(pk=preview.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )

    # Any later run clears what nobody will import.
    upload(client, edition, BROKEN, _preview="1")
    run_tasks()

    preview.refresh_from_db()
    assert (preview.upload, preview.upload_size, preview.may_be_imported) == (None, 0, False)
    html = client.get(status_url(preview)).content.decode()
    assert "upload it again to import it" in html
    assert client.post(status_url(preview)).status_code == 400
    assert Session.objects.count() == 0


def test_organizers_read_the_record_of_runs(client, run_tasks):
    edition = november_edition()
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Organizers"))
    client.force_login(staff)
    upload(client, edition, BROKEN, _preview="1")
    run_tasks()
    run = ScheduleImport.objects.get()

    listing = client.get(reverse("admin:events_scheduleimport_changelist"))
    assert listing.status_code == 200
    assert "schedule.xml" in listing.content.decode()
    detail = client.get(reverse("admin:events_scheduleimport_change", args=[run.pk]))
    assert detail.status_code == 200
    assert "Line 1, column" in detail.content.decode()
    assert client.get(reverse("admin:events_scheduleimport_add")).status_code == 403


def test_the_daily_command_drops_a_previews_file_nobody_imported(client, run_tasks):
    edition = november_edition()
    client.force_login(organizer("change_session"))
    upload(client, edition, frab_program(10, "Room"), _preview="1")
    upload(client, edition, frab_program(10, "Room"), _preview="1")
    run_tasks()
    old, recent = ScheduleImport.objects.order_by("pk")
    ScheduleImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    out = io.StringIO()

    call_command("clear_schedule_uploads", stdout=out)

    assert "Dropped the stored files of 1 schedule import runs." in out.getvalue()
    assert ScheduleImport.objects.get(pk=old.pk).upload is None
    assert ScheduleImport.objects.get(pk=recent.pk).may_be_imported
