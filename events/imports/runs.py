"""Schedule imports asked for in the admin, run by the task queue's worker.

The admin request calls ``request_run`` (or ``import_previewed``): it stores the upload as a
``ScheduleImport`` and enqueues ``events.tasks.run_schedule_import`` in the same transaction, so
the request does no reading or matching of the file, however large. The worker calls ``run``,
which does what the admin page did before (``import_schedule_file``, a preview being its dry
run) and keeps the result for the status page.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.tasks import enqueue
from events.models import Edition, ScheduleImport

from .frab import ScheduleError
from .program import import_schedule_file
from .report import ImportReport

logger = logging.getLogger(__name__)

# How many names of each kind the preview lists before "and N more".
SHOWN = 50


def request_run(
    *,
    edition: Edition,
    data: bytes,
    file_name: str,
    language: str,
    kind: str,
    by,
    time_zone: str = "",
) -> ScheduleImport:
    """Store an upload and enqueue its preview or import; the row exists iff the task does."""
    with transaction.atomic():
        run = ScheduleImport.objects.create(
            edition=edition,
            kind=kind,
            file_name=file_name[:255],
            upload=data,
            upload_size=len(data),
            language=language,
            time_zone_choice=time_zone,
            messages_language=_messages_language(),
            requested_by=by,
        )
        _enqueue(run)
    return run


def import_previewed(preview: ScheduleImport, *, by) -> ScheduleImport:
    """Enqueue the import of the very file ``preview`` read; the bytes move to the new run.

    Raises ``ScheduleError`` when the preview may no longer be imported (already imported, or
    its file dropped after a day).
    """
    with transaction.atomic():
        preview = ScheduleImport.objects.select_for_update().get(pk=preview.pk)
        if not preview.may_be_imported:
            raise ScheduleError(
                [_("This preview can no longer be imported: upload the file again.")]
            )
        run = ScheduleImport.objects.create(
            edition_id=preview.edition_id,
            kind=ScheduleImport.Kind.IMPORT,
            file_name=preview.file_name,
            upload=preview.upload,
            upload_size=preview.upload_size,
            language=preview.language,
            time_zone_choice=preview.time_zone_choice,
            messages_language=_messages_language(),
            requested_by=by,
            preview=preview,
        )
        # One stored copy: the preview's page now points to this import instead.
        preview.upload = None
        preview.upload_size = 0
        preview.save(update_fields=["upload", "upload_size"])
        _enqueue(run)
    return run


def _messages_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _enqueue(run: ScheduleImport) -> None:
    from events.tasks import run_schedule_import

    enqueue(run_schedule_import, run.pk)


def run(run_id: int) -> str:
    """Preview or import the stored file of run ``run_id`` and record the result; its status.

    A file refused (malformed, or breaking a rule of the program) is a finished run with its
    problems, not a failed task: nothing was written, and the organizer reads why. Any other
    error is recorded the same way and raised again, for the worker's log.
    """
    found = ScheduleImport.objects.select_related("edition", "requested_by").filter(pk=run_id)
    job = found.first()
    if job is None or job.status != ScheduleImport.Status.QUEUED:
        return job.status if job else "missing"
    job.status = ScheduleImport.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    unexpected = None
    with translation.override(job.messages_language):
        try:
            if job.upload is None:
                raise ScheduleError([_("The uploaded file is no longer stored; upload it again.")])
            report = import_schedule_file(
                edition=job.edition,
                data=bytes(job.upload),
                language=job.language,
                dry_run=job.kind == ScheduleImport.Kind.PREVIEW,
                by=job.requested_by,
                time_zone=job.time_zone_choice,
            )
        except ScheduleError as error:
            job.status = ScheduleImport.Status.FAILED
            job.problems = [str(message) for message in error.messages]
        except Exception as error:
            unexpected = error
            job.status = ScheduleImport.Status.FAILED
            job.problems = [
                _(
                    "The import stopped on an unexpected error; nothing was changed. The "
                    "site's administrators will find the details in the worker's log."
                )
            ]
        else:
            job.status = ScheduleImport.Status.DONE
            job.summary = report.summary()
            job.changes = preview_rows(report)
            job.changes_anything = report.changes_anything
    job.finished_at = timezone.now()
    fields = ["status", "problems", "summary", "changes", "changes_anything", "finished_at"]
    if job.kind == ScheduleImport.Kind.IMPORT:
        # Imported (or refused): nobody will read this file again.
        job.upload = None
        job.upload_size = 0
        fields += ["upload", "upload_size"]
    job.save(update_fields=fields)
    cleared = ScheduleImport.objects.clear_old_uploads()
    if cleared:
        logger.info("Dropped the stored uploads of %s old schedule import runs", cleared)
    if unexpected is not None:
        raise unexpected
    return job.status


def preview_rows(report: ImportReport) -> list[dict]:
    """Per kind of object, the first names created and updated and how many more there are."""
    rows = []
    for label, changes in report.sections():
        if changes.created or changes.updated:
            rows.append(
                {
                    "label": str(label),
                    "created": changes.created[:SHOWN],
                    "more_created": max(0, len(changes.created) - SHOWN),
                    "updated": changes.updated[:SHOWN],
                    "more_updated": max(0, len(changes.updated) - SHOWN),
                }
            )
    return rows
