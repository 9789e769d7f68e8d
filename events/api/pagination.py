"""Limit/offset pages that also give the addresses of the next and previous pages."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class LimitOffsetPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
        # Bounded so that no database is asked for an offset beyond its integers.
        offset: int = Field(0, ge=0, le=1_000_000_000, description="Items to skip.")

    class Output(Schema):
        count: int = Field(description="Items in all pages together.")
        next: str | None = Field(description="The next page's address, if there is one.")
        previous: str | None = Field(description="The previous page's address, if any.")
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        limit, offset = pagination.limit, pagination.offset
        count = queryset.count()
        return {
            "count": count,
            "next": _page_url(request, limit, offset + limit) if offset + limit < count else None,
            "previous": _page_url(request, limit, max(min(offset, count) - limit, 0))
            if offset > 0
            else None,
            "items": queryset[offset : offset + limit],
        }


def _page_url(request, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = limit
    query["offset"] = offset
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
