"""Sub-forums and sessions of published editions."""

import datetime

from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from events import queries

from .filters import EDITION, SLUG_PATTERN, edition_filter, filter_sessions
from .pagination import LimitOffsetPagination
from .schemas import Error, SessionOut, SubForumOut

router = Router(tags=["program"], by_alias=True)

SUB_FORUM = Query(
    None,
    max_length=100,
    pattern=SLUG_PATTERN,
    description="A sub-forum's slug, or `plenary` for the sessions outside any sub-forum. "
    "Needs `edition`.",
)
DAY = Query(None, description="A day of the edition, as its own clock reads it. Needs `edition`.")
SESSION_ID = Path(..., ge=1, le=2**63 - 1)


@router.get(
    "/sub-forums/",
    response={200: list[SubForumOut], 400: Error},
    operation_id="list_sub_forums",
)
@paginate(LimitOffsetPagination)
def list_sub_forums(request, edition: int | None = EDITION):
    """Sub-forums of published editions, newest edition first, in their order."""
    sub_forums = queries.published_sub_forums()
    if edition is None:
        return sub_forums
    return sub_forums.filter(edition=edition_filter(edition))


@router.get(
    "/sessions/",
    response={200: list[SessionOut], 400: Error},
    operation_id="list_sessions",
)
@paginate(LimitOffsetPagination)
def list_sessions(
    request,
    edition: int | None = EDITION,
    sub_forum: str | None = SUB_FORUM,
    day: datetime.date | None = DAY,
):
    """Sessions of published editions, by start."""
    return filter_sessions(queries.published_sessions(), year=edition, sub_forum=sub_forum, day=day)


@router.get(
    "/sessions/{id}/",
    response={200: SessionOut, 400: Error, 404: Error},
    operation_id="get_session",
)
def get_session(request, id: int = SESSION_ID):
    """One session of a published edition."""
    session = queries.published_sessions().filter(pk=id).first()
    if session is None:
        raise HttpError(404, f"There is no session {id} in a published edition.")
    return session
