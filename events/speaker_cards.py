"""What a speaker card shows (templates/partials/speaker_card.html), worked out for a whole grid.

An edition's speakers page shows hundreds of cards. Rendered from model instances, each card
built a speaker instance, looked the language and its fallbacks up for every translated field,
translated its country's name, reversed its address and had the template engine resolve a dozen
attributes. Here the speakers are read as plain values in one query, the address comes from one
``reverse()``, each country is named once and the template receives dictionaries (which it reads
faster than attributes).
"""

from typing import TypedDict

from django.db.models import QuerySet
from django.utils import translation

from .models import Edition, Speaker
from .translated_values import TranslatedValue
from .url_templates import url_template


class SpeakerCard(TypedDict):
    name: str
    initial: str  # shown in place of a photo
    display_name: str  # with the honorific where the language puts it
    name_original: str
    position: str
    affiliation: str
    country: str  # the country's name in the active language; "" without one
    url: str  # the speaker's page in the edition
    photo_url: str  # the card-sized copy; "" without a photo
    is_sample: bool


def speaker_cards(speakers: QuerySet[Speaker], edition: Edition) -> list[SpeakerCard]:
    """A card for each of ``speakers`` (in their order), in the active language: one query."""
    cards = _Cards(edition)
    return [cards.card(row) for row in speakers.values(*cards.columns)]


def speaker_card(speaker: Speaker, edition: Edition) -> SpeakerCard:
    """The card of a speaker already loaded (a page showing one or two of them)."""
    cards = _Cards(edition)
    row = {column: getattr(speaker, column) for column in cards.columns}
    row["photo"] = speaker.photo.name
    return cards.card(row)


class _Cards:
    """Everything cards share: the address pattern, the language, the names of countries."""

    def __init__(self, edition: Edition):
        self.language = translation.get_language()
        self.honorific = TranslatedValue(Speaker, "honorific")
        self.position = TranslatedValue(Speaker, "position")
        self.affiliation = TranslatedValue(Speaker, "affiliation")
        self.columns = [
            "name",
            "name_original",
            "slug",
            "country",
            "photo",
            "is_sample",
            *self.honorific.columns,
            *self.position.columns,
            *self.affiliation.columns,
        ]
        self.url = url_template("events:speaker", "slug", year=edition.year)
        self.countries = Speaker._meta.get_field("country").countries
        self.country_names: dict[str, str] = {"": ""}

    def card(self, row: dict) -> SpeakerCard:
        name, code, photo = row["name"], row["country"], row["photo"]
        if code not in self.country_names:
            self.country_names[code] = self.countries.name(code)
        return SpeakerCard(
            name=name,
            initial=name[:1].upper(),
            display_name=Speaker.compose_display_name(name, self.honorific(row), self.language),
            name_original=row["name_original"],
            position=self.position(row),
            affiliation=self.affiliation(row),
            country=self.country_names[code],
            url=self.url % {"slug": row["slug"]},
            # The copy's name derives from the upload's alone (made when the upload was saved).
            photo_url=Speaker(photo=photo).photo_card.url if photo else "",
            is_sample=row["is_sample"],
        )
