"""The board's statistics page, at /admin/cooperation/cooperationitem/statistics/.

Figures come from `cooperation.stats`, drawn as inline SVG bar charts with attendees' chart
geometry and templates: no script, no outside service.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from attendees import charts
from common.admin.editions import chosen_edition
from events.models import Edition

from .. import stats


def statistics_view(model_admin, request):
    if not model_admin.has_statistics_permission(request):
        raise PermissionDenied
    editions = list(Edition.objects.order_by("-year"))
    edition = chosen_edition(request, editions)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Cooperation board statistics"),
        "opts": model_admin.model._meta,
        "editions": editions,
        "edition": edition,
        "may_see_items": model_admin.has_view_permission(request),
    }
    if edition is not None:
        figures = stats.board_statistics(edition)
        context["figures"] = figures
        context["bar_charts"] = [
            charts.bar_chart(figures.by_kind, slug="kind", title=_("Items by kind")),
            charts.bar_chart(figures.by_category, slug="category", title=_("Items by category")),
            charts.bar_chart(
                figures.by_topic,
                slug="topic",
                title=_("Items by focus field"),
                note=_("An item may relate to several focus fields, or none."),
            ),
            charts.bar_chart(
                figures.by_country, slug="country", title=_("Items by country or region")
            ),
            charts.bar_chart(
                figures.by_organization_type,
                slug="organization-type",
                title=_("Items by type of organization"),
            ),
            charts.bar_chart(
                figures.by_status, slug="status", title=_("All items by moderation status")
            ),
            charts.bar_chart(
                figures.requests_by_status,
                slug="requests",
                title=_("Meeting requests by status"),
            ),
        ]
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/cooperation/cooperationitem/statistics.html", context)
