"""Published news."""

from ninja import Path, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from events import queries

from .filters import SLUG_PATTERN
from .pagination import LimitOffsetPagination
from .schemas import Error, NewsDetailOut, NewsOut

router = Router(tags=["news"], by_alias=True)

SLUG = Path(..., max_length=120, pattern=SLUG_PATTERN, description="The article's slug.")


@router.get("/", response={200: list[NewsOut], 400: Error}, operation_id="list_news")
@paginate(LimitOffsetPagination)
def list_news(request):
    """Published articles, newest first."""
    return queries.published_news()


@router.get(
    "/{slug}/", response={200: NewsDetailOut, 400: Error, 404: Error}, operation_id="get_news"
)
def get_news(request, slug: str = SLUG):
    """One published article with its body."""
    article = queries.published_news().filter(slug=slug).first()
    if article is None:
        raise HttpError(404, f"There is no published news article “{slug}”.")
    return article
