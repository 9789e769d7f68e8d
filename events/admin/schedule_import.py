"""The "Import a schedule" page of an edition: /admin/events/edition/<id>/import-schedule/.

An organizer uploads a frab schedule.xml or schedule.json (from pretalx, frab or this site),
previews what it would create and update, then imports it. The work is
``events.imports.program.import_schedule_file``, the same as the ``import_schedule`` command.
Open to staff who may change sessions.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.imports.download import MAX_BYTES, read_limited
from events.imports.frab import ScheduleError
from events.imports.program import import_schedule_file

PERMISSION = "events.change_session"
# How many names of each kind the preview lists before "and N more".
SHOWN = 50


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A frab schedule.xml or schedule.json, as pretalx, frab and this site publish it "
            "(at most %(size)s MB)."
        ) % {"size": MAX_BYTES // (1024 * 1024)}


def has_permission(request) -> bool:
    return request.user.has_perm(PERMISSION)


def import_schedule_view(model_admin, request, object_id):
    if not has_permission(request):
        raise PermissionDenied
    edition = model_admin.get_object(request, unquote(object_id))
    if edition is None:
        raise Http404
    form = ScheduleImportForm(request.POST or None, request.FILES or None)
    report = problems = None
    if form.is_valid():
        dry_run = "_import" not in request.POST
        try:
            report = import_schedule_file(
                edition=edition,
                data=read_limited(form.cleaned_data["file"]),
                language=form.cleaned_data["language"],
                dry_run=dry_run,
                by=request.user,
            )
        except ScheduleError as error:
            problems = error.messages
        else:
            if not dry_run:
                for line in report.summary():
                    messages.success(request, line)
                return redirect(reverse("admin:events_edition_change", args=[edition.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import a schedule into %(edition)s") % {"edition": edition},
        "opts": model_admin.model._meta,
        "original": edition,
        "form": form,
        "report": report,
        "preview": _preview(report) if report else [],
        "problems": problems,
    }
    return TemplateResponse(request, "admin/events/edition/import_schedule.html", context)


def _preview(report) -> list[dict]:
    """Per kind of object, the first names created and updated and how many more there are."""
    rows = []
    for label, changes in report.sections():
        if changes.created or changes.updated:
            rows.append(
                {
                    "label": label,
                    "created": changes.created[:SHOWN],
                    "more_created": max(0, len(changes.created) - SHOWN),
                    "updated": changes.updated[:SHOWN],
                    "more_updated": max(0, len(changes.updated) - SHOWN),
                }
            )
    return rows
