"""Named query shapes of the board's pages, so each costs a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from events.models import Edition, Topic

from .models import CooperationItem, ItemStatus

# Where the board's search looks: both languages of the texts, the keywords and who publishes.
SEARCHED_FIELDS = (
    "title_en",
    "title_zh_hans",
    "description_en",
    "description_zh_hans",
    "keywords",
    "organization_name",
)


def ordered_topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("order", "pk"))


def board_items(edition: Edition, filters: dict | None = None) -> QuerySet:
    """The edition's published items, newest first, narrowed by the board's filters."""
    items = CooperationItem.objects.published().filter(edition=edition)
    filters = filters or {}
    for name in ("kind", "category", "organization_type", "country"):
        if name in filters:
            items = items.filter(**{name: filters[name]})
    if "topic" in filters:
        items = items.filter(topics=filters["topic"])
    if words := filters.get("q", "").split():
        for word in words:
            matches = Q()
            for field in SEARCHED_FIELDS:
                matches |= Q(**{f"{field}__icontains": word})
            items = items.filter(matches)
    return items.order_by("-published_at", "-pk")


def listed(items: QuerySet) -> QuerySet:
    """What a board card shows: no owner, no contact person."""
    return items.defer("contact_name", "contact_email", "contact_phone").prefetch_related(
        ordered_topics()
    )


def topic_counts(edition: Edition) -> list[Topic]:
    """The edition's focus fields, each with ``item_count``: its published items."""
    return list(
        Topic.objects.filter(edition=edition)
        .annotate(
            item_count=Count(
                "cooperation_items",
                filter=Q(cooperation_items__status=ItemStatus.PUBLISHED),
            )
        )
        .order_by("order", "pk")
    )


def board_countries(edition: Edition) -> list[str]:
    """The country codes of the published items, for the country filter."""
    return list(
        CooperationItem.objects.published()
        .filter(edition=edition)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )


def published_item(edition: Edition, slug: str) -> CooperationItem:
    return get_object_or_404(
        listed(CooperationItem.objects.published().filter(edition=edition)).select_related(
            "edition"
        ),
        slug=slug,
    )
