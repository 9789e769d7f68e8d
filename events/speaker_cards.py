"""What a speaker card shows (templates/partials/speaker_grid.html), worked out for a whole grid.

An edition's speakers page shows hundreds of cards. Rendered from model instances, each card
built a speaker instance, looked the language and its fallbacks up for every translated field,
translated its country's name, reversed its address, and the template engine resolved and
escaped a dozen attributes. Here the speakers are read as plain values in one query, the address
comes from one ``reverse()``, each country is named and escaped once, and the template receives
dictionaries (which it reads faster than attributes) of text that is HTML-safe already.
"""

import html
from collections.abc import Iterable
from typing import TypedDict

from django.db.models import QuerySet
from django.utils import translation
from django.utils.safestring import SafeString
from imagekit.cachefiles import ImageCacheFile

from .models import Edition, Speaker
from .translated_values import TranslatedValue
from .url_templates import url_template


class SpeakerCard(TypedDict):
    name: SafeString
    initial: SafeString  # shown in place of a photo
    display_name: SafeString  # with the honorific where the language puts it
    name_original: SafeString
    position: SafeString
    affiliation: SafeString
    country: SafeString  # the country's name in the active language; "" without one
    url: SafeString  # the speaker's page in the edition
    photo_url: SafeString  # the card-sized copy; "" without a photo
    is_sample: bool


def speaker_cards(speakers: QuerySet[Speaker], edition: Edition) -> list[SpeakerCard]:
    """A card for each of ``speakers`` (in their order), in the active language: one query."""
    cards = _Cards(edition)
    return [cards.card(row) for row in speakers.values(*cards.columns)]


def loaded_speaker_cards(speakers: Iterable[Speaker], edition: Edition) -> list[SpeakerCard]:
    """The cards of speakers already loaded as instances (a session's two or three)."""
    cards = _Cards(edition)
    return [
        cards.card(
            {
                **{column: getattr(speaker, column) for column in cards.columns},
                "photo": speaker.photo.name,
            }
        )
        for speaker in speakers
    ]


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
        self.url = _escape(url_template("events:speaker", "slug", year=edition.year))
        self.countries = Speaker._meta.get_field("country").countries
        self.country_names: dict[str, SafeString] = {"": SafeString("")}

    def card(self, row: dict) -> SpeakerCard:
        name, code, photo = row["name"], row["country"], row["photo"]
        if code not in self.country_names:
            self.country_names[code] = _escape(self.countries.name(code))
        display_name = Speaker.compose_display_name(name, self.honorific(row), self.language)
        return SpeakerCard(
            name=_escape(name),
            initial=_escape(name[:1].upper()),
            display_name=_escape(display_name),
            name_original=_escape(row["name_original"]),
            position=_escape(self.position(row)),
            affiliation=_escape(self.affiliation(row)),
            country=self.country_names[code],
            # A slug needs no escaping.
            url=SafeString(self.url % {"slug": row["slug"]}),
            photo_url=_escape(_card_photo_url(photo)) if photo else SafeString(""),
            is_sample=row["is_sample"],
        )


def _escape(text: str) -> SafeString:
    """As the template engine would escape ``text`` (Django's ``escape`` is ``html.escape``)."""
    return SafeString(html.escape(text))


def _card_photo_url(name: str) -> str:
    """``speaker.photo_card.url`` for the upload ``name``, without building a speaker instance.

    The copy's address derives from the upload's name alone (it was made when the upload was
    saved); an instance would cost more than the address itself.
    """
    photo = Speaker._meta.get_field("photo")
    source = photo.attr_class(None, photo, name)
    return ImageCacheFile(Speaker.photo_card.get_spec(source=source)).url
