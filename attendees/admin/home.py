"""The admin home: the edition being prepared or run, its figures, and one step to each task.

It lives in `attendees` because the figures are the registrations'; `events` may not import
this app. The page is Django's admin index (templates/admin/index.html) with this on top, the
stock list of models below it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from common.admin.editions import chosen_edition
from events.models import Edition

from .. import stats


@dataclass(frozen=True)
class Task:
    label: str | Promise
    url: str
    hint: str | Promise = ""


@dataclass(frozen=True)
class OrganizerHome:
    edition: Edition | None
    other_editions: list[Edition]
    figures: stats.DeskFigures | None
    tasks: list[Task]
    new_edition_url: str  # empty for staff who may not add editions


def _url(name: str, args=(), **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _tasks(request: HttpRequest, edition: Edition) -> list[Task]:
    """The organizer's tasks for ``edition``, each one click away; only those the user may do."""
    user = request.user
    by_edition = {"edition__id__exact": edition.pk}
    candidates = [
        (
            "events.change_edition",
            _("Edit the edition"),
            _url("admin:events_edition_change", args=[edition.pk]),
            _("Dates, place, registration, publishing"),
        ),
        (
            "events.view_subforum",
            _("Sub-forums and their sessions"),
            _url("admin:events_subforum_changelist", **by_edition),
            _("Each sub-forum's sessions are edited on its page"),
        ),
        (
            "events.add_subforum",
            _("Add a sub-forum"),
            _url("admin:events_subforum_add", edition=edition.pk),
            _("With its sessions, in this edition"),
        ),
        (
            "events.add_session",
            _("Add a plenary session"),
            _url("admin:events_session_add", edition=edition.pk),
            _("Opening, keynotes, breaks: sessions of no sub-forum"),
        ),
        (
            "events.view_session",
            _("Program"),
            _url("admin:events_session_changelist", **by_edition),
            _("Every session, by day and room"),
        ),
        (
            "events.view_speaker",
            _("Speakers"),
            _url("admin:events_speaker_changelist"),
            _("Names, affiliations, photos"),
        ),
        (
            "attendees.view_registration",
            _("Registrations"),
            _url("admin:attendees_registration_changelist", **by_edition),
            _("Approve, email, print badges and certificates"),
        ),
        (
            "attendees.can_check_in",
            _("Check-in desk"),
            _url("attendees:check_in"),
            _("Scan tickets at the entrance"),
        ),
        (
            "attendees.view_statistics",
            _("Statistics"),
            _url("admin:attendees_registration_statistics", year=edition.year),
            _("Attendees by country, category, sub-forum and day"),
        ),
        (
            "attendees.export_registration",
            _("Export registrations"),
            _url("admin:attendees_registration_export", **by_edition),
            _("CSV or XLSX"),
        ),
        (
            "events.change_session",
            _("Import a schedule"),
            _url("admin:events_edition_import_schedule", args=[edition.pk]),
            _("A frab XML file fills the program"),
        ),
    ]
    tasks = [
        Task(label, url, hint)
        for permission, label, url, hint in candidates
        if user.has_perm(permission)
    ]
    if edition.is_published:
        tasks.append(
            Task(
                _("Public program"),
                reverse("events:program", kwargs={"year": edition.year}),
                _("What visitors see"),
            )
        )
    return tasks


def new_edition_url(request: HttpRequest, model: Edition | None) -> str:
    """The add form of an edition, with the series, place and clock of ``model`` filled in."""
    if not request.user.has_perm("events.add_edition"):
        return ""
    if model is None:
        return _url("admin:events_edition_add")
    same = {
        "series": model.series_id,
        "time_zone": model.time_zone,
        "mode": model.mode,
        "city_en": model.city_en,
        "city_zh_hans": model.city_zh_hans,
        "venue_en": model.venue_en,
        "venue_zh_hans": model.venue_zh_hans,
        "address_en": model.address_en,
        "address_zh_hans": model.address_zh_hans,
    }
    if model.host_id:
        same["host"] = model.host_id
    return _url("admin:events_edition_add", **{k: v for k, v in same.items() if v})


def organizer_home(request: HttpRequest) -> OrganizerHome:
    """Everything the admin home shows above the list of models, in two queries."""
    editions = list(Edition.objects.order_by("-year"))
    edition = chosen_edition(request, editions, parameter="edition", attribute="pk")
    if edition is None:
        return OrganizerHome(None, [], None, [], new_edition_url(request, None))
    may_see_registrations = request.user.has_perm("attendees.view_registration")
    return OrganizerHome(
        edition=edition,
        other_editions=[other for other in editions if other.pk != edition.pk],
        figures=stats.desk_figures(edition, timezone.now()) if may_see_registrations else None,
        tasks=_tasks(request, edition),
        new_edition_url=new_edition_url(request, edition),
    )
