"""The public board of an edition: offers and needs, filters, search and item pages."""

from django.core.paginator import Paginator
from django.shortcuts import render

from events import queries as event_queries

from .. import queries
from ..forms import BoardFilterForm
from ..models import Kind

PER_PAGE = 30
# The query parameters the board reads: its filters and the page (the page cache keeps only these).
BOARD_PARAMETERS = (*BoardFilterForm.base_fields, "page")


def board(request, year):
    edition = event_queries.published_edition(year)
    topics = queries.topic_counts(edition)
    form = BoardFilterForm(
        request.GET or None, topics=topics, country_codes=queries.board_countries(edition)
    )
    filters = form.filters() if request.GET else {}
    items = queries.board_items(edition, filters)
    page = Paginator(queries.listed(items), PER_PAGE).get_page(request.GET.get("page"))
    # The filters without the page number, for the pagination links.
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {
        "edition": edition,
        "form": form,
        "filtered": bool(filters),
        "topics": topics,
        "page_obj": page,
        "items": page.object_list,
        "query_string": kept.urlencode(),
        "kinds": Kind,
    }
    return render(request, "cooperation/board.html", context)


def item_detail(request, year, slug):
    edition = event_queries.published_edition(year)
    item = queries.published_item(edition, slug)
    return render(request, "cooperation/item_detail.html", {"edition": edition, "item": item})
