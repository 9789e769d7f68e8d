"""The "Import a schedule" pages of an edition, under /admin/events/edition/<id>/import-schedule/.

An organizer uploads a frab schedule.xml or schedule.json (from pretalx, frab or this site). The
request only stores the file and enqueues its preview (or import) for the task queue's worker
(``events.imports.runs``), then sends the organizer to the run's status page, which refreshes
itself until the worker is done and then shows what the file would create and update, with an
"Import" button that imports the same stored file, or why the file was refused, or what the
import did. Open to staff who may change sessions.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.imports import runs
from events.imports.download import MAX_BYTES, read_limited
from events.imports.frab import ScheduleError
from events.models import ScheduleImport
from events.models.schedule_import import TimeZoneChoice

PERMISSION = "events.change_session"
# How many earlier runs the upload page lists.
RECENT = 10


class ScheduleImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Schedule file"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of its texts"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=gettext_lazy(
            "Titles and abstracts go into this language's fields; the other language's stay."
        ),
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone of the file"),
        choices=TimeZoneChoice.choices,
        required=False,
        initial=TimeZoneChoice.ASK,
        help_text=gettext_lazy(
            "When the file's time zone is not the edition's: a file is never shifted silently."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A frab schedule.xml or schedule.json, as pretalx, frab and this site publish it "
            "(at most %(size)s MB)."
        ) % {"size": MAX_BYTES // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["data"] = read_limited(upload)
        except ScheduleError as error:
            raise forms.ValidationError(error.messages) from error
        return upload


def has_permission(request) -> bool:
    return request.user.has_perm(PERMISSION)


def _edition(model_admin, request, object_id):
    if not has_permission(request):
        raise PermissionDenied
    edition = model_admin.get_object(request, unquote(object_id))
    if edition is None:
        raise Http404
    return edition


def _context(model_admin, request, edition, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "original": edition,
    }


def import_schedule_view(model_admin, request, object_id):
    edition = _edition(model_admin, request, object_id)
    form = ScheduleImportForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        run = runs.request_run(
            edition=edition,
            data=form.cleaned_data["data"],
            file_name=form.cleaned_data["file"].name,
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
            kind=ScheduleImport.Kind.IMPORT
            if "_import" in request.POST
            else ScheduleImport.Kind.PREVIEW,
            by=request.user,
        )
        return redirect(_status_url(run))
    context = {
        **_context(
            model_admin,
            request,
            edition,
            _("Import a schedule into %(edition)s") % {"edition": edition},
        ),
        "form": form,
        "recent_runs": edition.schedule_imports.select_related("requested_by")[:RECENT],
    }
    return TemplateResponse(request, "admin/events/edition/import_schedule.html", context)


def import_status_view(model_admin, request, object_id, run_id):
    """A run's status; POST imports the file a finished preview read."""
    edition = _edition(model_admin, request, object_id)
    run = get_object_or_404(
        ScheduleImport.objects.select_related("requested_by").defer("upload"),
        pk=run_id,
        edition=edition,
    )
    problems = []
    if request.method == "POST":
        try:
            imported = runs.import_previewed(run, by=request.user)
        except ScheduleError as error:
            problems = error.messages
        else:
            return redirect(_status_url(imported))
    context = {
        **_context(
            model_admin,
            request,
            edition,
            _("Schedule import into %(edition)s") % {"edition": edition},
        ),
        "run": run,
        "import_problems": problems,
        "imported_by": run.imports.order_by("-created_at").first()
        if run.kind == ScheduleImport.Kind.PREVIEW
        else None,
    }
    return TemplateResponse(
        request,
        "admin/events/edition/import_schedule_status.html",
        context,
        status=400 if problems else 200,
    )


def _status_url(run: ScheduleImport) -> str:
    return reverse("admin:events_edition_import_schedule_status", args=[run.edition_id, run.pk])


@admin.register(ScheduleImport)
class ScheduleImportAdmin(admin.ModelAdmin):
    """The record of the runs, per edition; runs are started on the edition's import page."""

    list_display = [
        "created_at",
        "edition",
        "kind",
        "status",
        "file_name",
        "requested_by",
        "finished_at",
    ]
    list_filter = ["edition", "kind", "status"]
    list_select_related = ["edition", "requested_by"]
    date_hierarchy = "created_at"
    fields = [
        "edition",
        "kind",
        "status",
        "status_page",
        "file_name",
        "upload_size",
        "language",
        "time_zone_choice",
        "requested_by",
        "preview",
        "created_at",
        "started_at",
        "finished_at",
        "summary_lines",
        "problem_lines",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("upload")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("status page"))
    def status_page(self, obj):
        return render_to_string(
            "admin/events/partials/schedule_import_link.html", {"url": _status_url(obj)}
        )

    @admin.display(description=gettext_lazy("summary"))
    def summary_lines(self, obj):
        return "\n".join(obj.summary)

    @admin.display(description=gettext_lazy("problems"))
    def problem_lines(self, obj):
        return "\n".join(obj.problems)
