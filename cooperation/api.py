"""The board in the public JSON API, /api/cooperation/: published items of published editions.

Each schema lists exactly what the public board shows: no owner, no contact person. The router
joins events' API (`events.api.api`) when the app is ready, so the OpenAPI document lists it.
"""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from events.api.filters import EDITION, edition_filter
from events.api.pagination import LimitOffsetPagination
from events.api.schemas import Error, Translated, both_languages, country_code, page_urls
from events.models import Edition

from . import queries
from .models import CooperationItem, Kind

router = Router(tags=["cooperation"], by_alias=True)

KIND = Query(None, description="Only offers (`offer`) or only needs (`need`).")


class FocusFieldOut(Schema):
    id: int
    title: Translated

    resolve_title = both_languages("title")


class CooperationItemOut(Schema):
    slug: str
    edition: int = Field(description="The year of the edition whose board lists it.")
    kind: str = Field(description="`offer` or `need`.")
    category: str
    title: Translated
    description: Translated
    focus_fields: list[FocusFieldOut]
    keywords: list[str]
    organization: str
    organization_type: str
    country: str | None
    is_sample: bool
    published_at: datetime.datetime
    url: Translated

    resolve_title = both_languages("title")
    resolve_description = both_languages("description")

    @staticmethod
    def resolve_edition(obj):
        return obj.edition.year

    @staticmethod
    def resolve_focus_fields(obj):
        return list(obj.topics.all())

    @staticmethod
    def resolve_keywords(obj):
        return obj.keyword_list

    @staticmethod
    def resolve_organization(obj):
        return obj.organization_name

    @staticmethod
    def resolve_country(obj):
        return country_code(obj.country)

    @staticmethod
    def resolve_url(obj):
        return page_urls("cooperation:item", year=obj.edition.year, slug=obj.slug)


@router.get(
    "/",
    response={200: list[CooperationItemOut], 400: Error},
    operation_id="list_cooperation_items",
)
@paginate(LimitOffsetPagination)
def list_cooperation_items(request, edition: int | None = EDITION, kind: str | None = KIND):
    """Published offers and needs of published editions, newest first."""
    if kind is not None and kind not in Kind.values:
        raise HttpError(400, "kind: use offer or need.")
    if edition is not None:
        items = queries.board_items(edition_filter(edition), {"kind": kind} if kind else {})
    else:
        items = CooperationItem.objects.published().filter(edition__in=Edition.objects.published())
        if kind:
            items = items.filter(kind=kind)
        items = items.order_by("-published_at", "-pk")
    return queries.listed(items).select_related("edition")


def register() -> None:
    """Add the board to the site's API (called once, from the app's ``ready``)."""
    from events.api import add_to_index, api

    api.add_router("/cooperation/", router)
    add_to_index("cooperation", "list_cooperation_items")
