"""Speakers and chairs of published editions."""

from ninja import Path, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from events import queries

from .filters import EDITION, SLUG_PATTERN, edition_filter
from .pagination import LimitOffsetPagination
from .schemas import Error, SpeakerDetailOut, SpeakerOut

router = Router(tags=["speakers"], by_alias=True)

SLUG = Path(..., max_length=120, pattern=SLUG_PATTERN, description="The speaker's slug.")


@router.get("/", response={200: list[SpeakerOut], 400: Error}, operation_id="list_speakers")
@paginate(LimitOffsetPagination)
def list_speakers(request, edition: int | None = EDITION):
    """Everyone who speaks or chairs in a published edition, by name."""
    if edition is None:
        return queries.published_speakers()
    return queries.edition_speakers(edition_filter(edition))


@router.get(
    "/{slug}/",
    response={200: SpeakerDetailOut, 400: Error, 404: Error},
    operation_id="get_speaker",
)
def get_speaker(request, slug: str = SLUG):
    """One speaker with their sessions and chaired sub-forums in published editions."""
    speaker = queries.speakers_with_appearances().filter(slug=slug).first()
    if speaker is None:
        raise HttpError(404, f"There is no speaker “{slug}” in a published edition.")
    return speaker
