"""The statistics page for organizers, at /admin/attendees/registration/statistics/.

Figures come from `attendees.stats`, charts are drawn on the server as inline SVG
(`attendees.charts`): no script, no outside service.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from common.admin.editions import chosen_edition
from events.models import Edition

from .. import charts, stats


def statistics_view(model_admin, request):
    if not model_admin.has_statistics_permission(request):
        raise PermissionDenied
    editions = list(Edition.objects.order_by("-year"))
    edition = chosen_edition(request, editions)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Registration statistics"),
        "opts": model_admin.model._meta,
        "editions": editions,
        "edition": edition,
        "may_see_registrations": model_admin.has_view_permission(request),
    }
    if edition is not None:
        figures = stats.edition_statistics(edition)
        context["figures"] = figures
        context["bar_charts"] = [
            charts.bar_chart(
                figures.by_status, slug="status", title=_("All registrations by status")
            ),
            charts.bar_chart(
                figures.by_country, slug="country", title=_("Attendees by country or region")
            ),
            charts.bar_chart(
                figures.by_organization_type,
                slug="organization-type",
                title=_("Attendees by type of organization"),
            ),
            charts.bar_chart(
                figures.by_category, slug="category", title=_("Attendees by category")
            ),
            charts.bar_chart(figures.by_mode, slug="mode", title=_("Attendees by participation")),
            charts.bar_chart(
                figures.by_sub_forum,
                slug="sub-forum",
                title=_("Attendees by sub-forum"),
                note=_("An attendee may choose several sub-forums, or none."),
            ),
        ]
        context["per_day"] = charts.column_chart(
            figures.per_day,
            slug="per-day",
            title=_("Attendees by the day they registered"),
            note=_("Days in the edition's time zone, %(zone)s.") % {"zone": edition.time_zone},
        )
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/attendees/registration/statistics.html", context)
