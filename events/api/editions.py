"""Published editions."""

from ninja import Path, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from events import queries
from events.models import Edition

from .pagination import LimitOffsetPagination
from .schemas import EditionDetailOut, EditionOut, Error

router = Router(tags=["editions"], by_alias=True)

YEAR = Path(..., ge=1, le=32767, description="The edition's year.", example=2022)


@router.get("/", response={200: list[EditionOut], 400: Error}, operation_id="list_editions")
@paginate(LimitOffsetPagination)
def list_editions(request):
    """Published editions, newest first."""
    return queries.published_editions()


@router.get(
    "/{year}/",
    response={200: EditionDetailOut, 400: Error, 404: Error},
    operation_id="get_edition",
)
def get_edition(request, year: int = YEAR):
    """One published edition with its organizers and focus fields."""
    edition = queries.published_editions().filter(year=year).first()
    if edition is None:
        raise HttpError(404, f"There is no published edition {year}.")
    edition.organizers = _in_poster_order(edition)
    edition.focus_fields = list(edition.topics.all())
    return edition


def _in_poster_order(edition: Edition):
    roles = queries.group_roles(queries.organizer_roles(edition))
    return [role for _label, group in roles for role in group]
