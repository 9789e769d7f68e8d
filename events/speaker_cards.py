"""What a speaker card shows (templates/partials/speaker_grid.html), worked out for a whole grid.

An edition's speakers page shows hundreds of cards. Rendered from model instances, each card
built a speaker instance, looked the language and its fallbacks up for every translated field,
translated its country's name and reversed its address. Here the speakers are read as plain
values in one query, the address comes from one ``reverse()``, each country is named once, and
the template receives dictionaries (which it reads faster than attributes) of plain text, which
it escapes as it writes them.
"""

import functools
from collections.abc import Iterable
from typing import TypedDict

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django_countries import countries

from common.names import ordered_names

from .models import Edition, Speaker
from .translated_values import TranslatedValue
from .url_templates import url_template


class SpeakerCard(TypedDict):
    name: str
    initial: str  # shown in place of a photo
    display_name: str  # with the honorific where the language puts it
    other_name: str  # the name in the other script, shown small under display_name; or ""
    position: str
    affiliation: str
    country: str  # the country's name in the active language; "" without one
    url: str  # the speaker's page in the edition
    photo_url: str  # the card-sized copy; "" without a photo
    is_sample: bool


def speaker_cards(speakers: QuerySet[Speaker], edition: Edition) -> list[SpeakerCard]:
    """A card for each of ``speakers`` (in their order), in the active language: one query."""
    language = translation.get_language()
    honorific = TranslatedValue(Speaker, "honorific")
    position = TranslatedValue(Speaker, "position")
    affiliation = TranslatedValue(Speaker, "affiliation")
    rows = speakers.values(
        "name",
        "name_original",
        "slug",
        "country",
        "photo",
        "is_sample",
        *honorific.columns,
        *position.columns,
        *affiliation.columns,
    )
    url = url_template("events:speaker", "slug", year=edition.year)
    country_names = _CountryNames()
    return [
        _card(
            name=row["name"],
            display_name=Speaker.compose_display_name(
                row["name"], honorific(row), language, row["name_original"]
            ),
            other_name=ordered_names(row["name"], row["name_original"], language)[1],
            position=position(row),
            affiliation=affiliation(row),
            country=country_names[row["country"]],
            url=url % {"slug": row["slug"]},
            photo_url=_card_photo_url(row["photo"], settings.MEDIA_URL) if row["photo"] else "",
            is_sample=row["is_sample"],
        )
        for row in rows
    ]


def loaded_speaker_cards(speakers: Iterable[Speaker], edition: Edition) -> list[SpeakerCard]:
    """The cards of speakers already loaded as instances (a session's two or three)."""
    url = url_template("events:speaker", "slug", year=edition.year)
    return [
        _card(
            name=speaker.name,
            display_name=speaker.display_name,
            other_name=speaker.other_name,
            position=speaker.position,
            affiliation=speaker.affiliation,
            country=speaker.country.name if speaker.country else "",
            url=url % {"slug": speaker.slug},
            photo_url=speaker.photo_card.url if speaker.photo else "",
            is_sample=speaker.is_sample,
        )
        for speaker in speakers
    ]


def _card(*, name: str, **texts) -> SpeakerCard:
    return SpeakerCard(name=name, initial=name[:1].upper(), **texts)


class _CountryNames(dict):
    """``names[code]``: the country's name in the active language, worked out once a grid."""

    def __missing__(self, code: str) -> str:
        name = self[code] = countries.name(code) if code else ""
        return name


# The card-sized copy's address derives from the upload's name alone, but imagekit works it out
# by hashing the name with the spec (about half a millisecond with the instance that carries the
# name): a grid of 300 photos would spend 150 ms on it at every request. Each address is worked out
# once a process (keyed on MEDIA_URL too, which tests change).
@functools.lru_cache(maxsize=4096)
def _card_photo_url(name: str, media_url: str) -> str:
    return Speaker(photo=name).photo_card.url
