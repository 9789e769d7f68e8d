"""What the API returns: the public data of each resource, every text in both languages.

Each schema lists exactly the fields a public page shows; anything private (online meeting
links, livestream and replay links not meant for everyone, signatories, capacities) is simply
not a field, so it cannot leak through a new query or a changed model.
"""

import datetime
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Field, Schema

from events.models import Mode, Organization, OrganizerRole, Session, SessionLink


class Translated(Schema):
    """A text in English and Chinese; an empty one falls back to the other, as on the site."""

    en: str
    zh_hans: str = Field(serialization_alias="zh-hans")

    @classmethod
    def of(cls, obj, field: str) -> "Translated":
        en = getattr(obj, f"{field}_en") or ""
        zh_hans = getattr(obj, f"{field}_zh_hans") or ""
        return cls(en=en or zh_hans, zh_hans=zh_hans or en)


def both_languages(field: str):
    """A ninja resolver giving the model field ``field`` in both languages."""
    return staticmethod(lambda obj: Translated.of(obj, field))


def page_urls(viewname: str, **kwargs) -> Translated:
    """The absolute address of a public page in each language (the site's canonical base)."""
    urls = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            urls[language] = settings.SITE_URL.rstrip("/") + reverse(viewname, kwargs=kwargs)
    return Translated(en=urls["en"], zh_hans=urls["zh-hans"])


def file_url(field) -> str | None:
    return settings.SITE_URL.rstrip("/") + field.url if field else None


def country_code(country) -> str | None:
    return country.code or None


class Error(Schema):
    detail: str = Field(description="What was wrong with the request, in English.")


# --- shared parts ------------------------------------------------------------------------------


class OrganizationOut(Schema):
    name: Translated
    short_name: Translated
    type: Organization.Type
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    website: str
    logo: str | None

    resolve_name = both_languages("name")
    resolve_short_name = both_languages("short_name")

    @staticmethod
    def resolve_country(obj):
        return country_code(obj.country)

    @staticmethod
    def resolve_logo(obj):
        return file_url(obj.logo)


class RoomOut(Schema):
    name: Translated
    building: Translated
    directions: Translated

    resolve_name = both_languages("name")
    resolve_building = both_languages("building")
    resolve_directions = both_languages("directions")


class SpeakerRef(Schema):
    """A speaker as a session or sub-forum names them."""

    slug: str
    name: str = Field(description="In Latin script.")
    name_original: str = Field(description="In the original script, e.g. Chinese characters.")
    honorific: Translated
    affiliation: Translated

    resolve_honorific = both_languages("honorific")
    resolve_affiliation = both_languages("affiliation")


class SubForumRef(Schema):
    """A sub-forum as a session of the same edition names it."""

    slug: str
    title: Translated

    resolve_title = both_languages("title")


# --- editions ----------------------------------------------------------------------------------


class EditionOut(Schema):
    year: int
    title: Translated
    short_title: Translated
    theme: Translated
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str = Field(description="IANA name; session times carry its offset.")
    city: Translated
    venue: Translated
    mode: Mode
    is_current: bool
    url: Translated

    resolve_title = both_languages("title")
    resolve_short_title = both_languages("short_title")
    resolve_theme = both_languages("theme")
    resolve_city = both_languages("city")
    resolve_venue = both_languages("venue")

    @staticmethod
    def resolve_url(obj):
        return page_urls("events:edition", year=obj.year)


class OrganizerOut(Schema):
    role: OrganizerRole.Role
    organization: OrganizationOut


class EditionDetailOut(EditionOut):
    description: Translated = Field(description="Sanitized HTML.")
    address: Translated
    host: OrganizationOut | None
    registration_opens: datetime.datetime | None
    registration_closes: datetime.datetime | None
    participating_countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes.")
    countries_count: int | None
    experts_count: int | None
    postgraduates_count: int | None
    organizers: list[OrganizerOut] = Field(description="In the order a poster reads them.")
    topics: list[Translated] = Field(description="The focus fields.")

    resolve_description = both_languages("description")
    resolve_address = both_languages("address")

    @staticmethod
    def resolve_participating_countries(obj):
        return [country.code for country in obj.participating_countries]

    # The endpoint attaches ``organizers`` and ``focus_fields``, fetched by named queries.
    @staticmethod
    def resolve_topics(obj):
        return [Translated.of(topic, "title") for topic in obj.focus_fields]


# --- the program -------------------------------------------------------------------------------


class SubForumOut(Schema):
    slug: str
    edition: int = Field(description="The edition's year.")
    title: Translated
    description: Translated = Field(description="Sanitized HTML.")
    host: OrganizationOut | None
    room: RoomOut | None
    topics: list[Translated] = Field(description="The focus fields it covers.")
    chairs: list[SpeakerRef]
    url: Translated

    resolve_title = both_languages("title")
    resolve_description = both_languages("description")

    @staticmethod
    def resolve_edition(obj):
        return obj.edition.year

    @staticmethod
    def resolve_topics(obj):
        return [Translated.of(topic, "title") for topic in obj.topics.all()]

    @staticmethod
    def resolve_chairs(obj):
        return list(obj.chairs.all())

    @staticmethod
    def resolve_url(obj):
        return page_urls("events:sub_forum", year=obj.edition.year, slug=obj.slug)


class ReferenceOut(Schema):
    title: Translated
    url: str

    resolve_title = both_languages("title")


class SessionOut(Schema):
    id: int
    guid: uuid.UUID
    edition: int = Field(description="The edition's year.")
    sub_forum: SubForumRef | None = Field(description="None for a plenary session.")
    kind: Session.Kind
    kind_name: str = Field(description="For the kind `other`: what the session is, if named.")
    title: Translated
    subtitle: Translated
    abstract: Translated
    description: Translated
    language: str | None = Field(
        description="The language the session is given in (a Django language code: `en`, "
        "`zh-hans`, `de`); None when not known."
    )
    interpretation_language: str | None = Field(
        description="The language it is interpreted into, if it is."
    )
    links: list[ReferenceOut]
    attachments: list[ReferenceOut]
    start: datetime.datetime = Field(description="With the edition's UTC offset.")
    end: datetime.datetime = Field(description="With the edition's UTC offset.")
    room: RoomOut | None
    delivery: Mode
    speakers: list[SpeakerRef] = Field(description="In the order the program names them.")
    livestream_url: str | None = Field(description="Only when it is public.")
    replay_url: str | None = Field(description="Only when it is public.")
    is_sample: bool = Field(description="A demo entry the source did not describe.")
    url: Translated

    resolve_title = both_languages("title")
    resolve_subtitle = both_languages("subtitle")
    resolve_abstract = both_languages("abstract")
    resolve_description = both_languages("description")

    @staticmethod
    def resolve_language(obj):
        return obj.language or None

    @staticmethod
    def resolve_interpretation_language(obj):
        return obj.interpretation_language or None

    @staticmethod
    def resolve_links(obj):
        return [link for link in obj.ordered_links if link.kind == SessionLink.Kind.LINK]

    @staticmethod
    def resolve_attachments(obj):
        return [link for link in obj.ordered_links if link.kind == SessionLink.Kind.ATTACHMENT]

    @staticmethod
    def resolve_edition(obj):
        return obj.edition.year

    @staticmethod
    def resolve_start(obj):
        return timezone.localtime(obj.start, obj.edition.tzinfo)

    @staticmethod
    def resolve_end(obj):
        return timezone.localtime(obj.end, obj.edition.tzinfo)

    @staticmethod
    def resolve_speakers(obj):
        return [link.speaker for link in obj.ordered_speakers]

    @staticmethod
    def resolve_livestream_url(obj):
        return obj.public_links.get("livestream")

    @staticmethod
    def resolve_replay_url(obj):
        return obj.public_links.get("replay")

    @staticmethod
    def resolve_url(obj):
        return page_urls("events:session", year=obj.edition.year, pk=obj.pk)


# --- speakers ----------------------------------------------------------------------------------


class SpeakerOut(SpeakerRef):
    position: Translated
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    biography: Translated
    photo: str | None
    website: str
    is_sample: bool = Field(description="A demo entry the source did not name.")

    resolve_position = both_languages("position")
    resolve_biography = both_languages("biography")

    @staticmethod
    def resolve_country(obj):
        return country_code(obj.country)

    @staticmethod
    def resolve_photo(obj):
        return file_url(obj.photo)


class SessionRef(Schema):
    id: int
    edition: int = Field(description="The edition's year.")
    title: Translated
    start: datetime.datetime
    end: datetime.datetime
    url: Translated

    resolve_title = both_languages("title")
    resolve_edition = staticmethod(SessionOut.resolve_edition)
    resolve_start = staticmethod(SessionOut.resolve_start)
    resolve_end = staticmethod(SessionOut.resolve_end)
    resolve_url = staticmethod(SessionOut.resolve_url)


class ChairedSubForumRef(SubForumRef):
    edition: int = Field(description="The edition's year.")
    url: Translated

    @staticmethod
    def resolve_edition(obj):
        return obj.edition.year

    @staticmethod
    def resolve_url(obj):
        return page_urls("events:sub_forum", year=obj.edition.year, slug=obj.slug)


class SpeakerDetailOut(SpeakerOut):
    sessions: list[SessionRef] = Field(description="In published editions, by start.")
    chaired_sub_forums: list[ChairedSubForumRef] = Field(description="In published editions.")

    @staticmethod
    def resolve_sessions(obj):
        return obj.published_sessions

    @staticmethod
    def resolve_chaired_sub_forums(obj):
        return obj.published_chaired_sub_forums


# --- news --------------------------------------------------------------------------------------


class NewsOut(Schema):
    slug: str
    title: Translated
    summary: Translated
    cover_image: str | None
    written_by: Translated
    edited_by: Translated
    source: Translated
    published_on: datetime.date
    updated_on: datetime.date | None
    edition: int | None = Field(description="The year of the edition it is about, if any.")
    url: Translated

    resolve_title = both_languages("title")
    resolve_summary = both_languages("summary")
    resolve_written_by = both_languages("written_by")
    resolve_edited_by = both_languages("edited_by")
    resolve_source = both_languages("source")

    @staticmethod
    def resolve_cover_image(obj):
        return file_url(obj.cover_image)

    @staticmethod
    def resolve_edition(obj):
        edition = obj.edition
        return edition.year if edition and edition.is_published else None

    @staticmethod
    def resolve_url(obj):
        return page_urls("events:news_detail", slug=obj.slug)


class NewsDetailOut(NewsOut):
    body: Translated = Field(description="Sanitized HTML.")

    resolve_body = both_languages("body")
