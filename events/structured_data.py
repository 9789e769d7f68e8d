"""schema.org JSON-LD for search engines: Event, Person and NewsArticle, built from loaded objects.

Each function takes what its view already fetched and touches no relation that is not loaded, so
no page pays a query for its JSON-LD. Only what the page itself shows goes in: no meeting links,
no attendee data. The template tag ``json_ld`` renders the dicts safely inside <script>.
"""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation

from common.absolute_urls import absolute_url

from .models import Edition, Mode, NewsArticle, OrganizerRole, Session, Speaker
from .speaker_cards import SpeakerCard
from .templatetags.rich_text import plain_text

SCHEMA = "https://schema.org"

ATTENDANCE_MODES = {
    Mode.ON_SITE: f"{SCHEMA}/OfflineEventAttendanceMode",
    Mode.ONLINE: f"{SCHEMA}/OnlineEventAttendanceMode",
    Mode.HYBRID: f"{SCHEMA}/MixedEventAttendanceMode",
}
# The roles schema.org calls the organizer; the others (guidance, support, sponsors) are not.
ORGANIZING_ROLES = {OrganizerRole.Role.ORGANIZER, OrganizerRole.Role.PRESENTER}

# Bylines name several people: "Lei Chang, Yuhui Wang", "常雷、王宇辉".
BYLINE_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def _compact(data: dict) -> dict:
    """``data`` without empty values, so consumers never read an empty name or address."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _in_language() -> str:
    """The page's language as a BCP 47 tag: ``en``, ``zh-Hans``."""
    language, _, script = (translation.get_language() or "en").partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else translation.get_language()


def _language_tag(code: str) -> str:
    """A Django language code as a BCP 47 tag: ``de``, ``zh-Hans``, ``en-GB``."""
    language, _, rest = code.partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"


def _session_languages(session: Session):
    """What a session is given in, with its interpretation (both are languages its content
    reaches the audience in); ``None`` when not known, rather than the page's language."""
    tags = [_language_tag(c) for c in (session.language, session.interpretation_language) if c]
    if not session.language:
        return None
    return tags[0] if len(tags) == 1 else tags


def _file_url(field) -> str | None:
    return absolute_url(field.url) if field else None


def _local(moment: datetime.datetime, edition: Edition) -> str:
    """ISO 8601 with the edition's UTC offset: ``2022-11-22T09:00:00+08:00``."""
    return timezone.localtime(moment, edition.tzinfo).isoformat()


def edition_id(edition: Edition) -> str:
    return absolute_url(edition.get_absolute_url()) + "#event"


def _place(edition: Edition, name: str = "") -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": edition.address,
        "addressLocality": edition.city,
    }
    return _compact({"@type": "Place", "name": name or edition.venue, "address": _compact(address)})


def _locations(edition: Edition, mode: str, url: str, place_name: str = "") -> list[dict]:
    """The venue for on-site and hybrid, the public page for online: never a meeting link."""
    locations = []
    if mode in (Mode.ON_SITE, Mode.HYBRID):
        locations.append(_place(edition, place_name))
    if mode in (Mode.ONLINE, Mode.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


def _organization(organization) -> dict:
    return _compact(
        {
            "@type": "Organization",
            "name": organization.name,
            "url": organization.website,
            "logo": _file_url(organization.logo),
        }
    )


def edition_dates(edition: Edition) -> tuple[str, str]:
    """The edition's first and last day, as its page and its schedule files give them: the one
    source of ``startDate`` and ``endDate`` wherever JSON-LD describes the edition."""
    return edition.start_date.isoformat(), edition.end_date.isoformat()


def edition_event(
    edition: Edition,
    *,
    roles: list[OrganizerRole],
    keynote_speakers: list[SpeakerCard] = (),
) -> dict:
    """The edition as an Event on its dates, its keynote speakers (their cards, which the
    page shows) the performers."""
    url = absolute_url(edition.get_absolute_url())
    start, end = edition_dates(edition)
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "@id": edition_id(edition),
            "name": edition.title,
            "alternateName": edition.short_title,
            "description": plain_text(edition.description) or edition.theme,
            "startDate": start,
            "endDate": end,
            "eventAttendanceMode": ATTENDANCE_MODES.get(edition.mode),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "location": _locations(edition, edition.mode, url),
            "organizer": [
                _organization(role.organization) for role in roles if role.role in ORGANIZING_ROLES
            ],
            "performer": [
                {"@type": "Person", "name": card["name"], "url": absolute_url(card["url"])}
                for card in keynote_speakers
            ],
            "image": _file_url(edition.cover)
            or (_file_url(edition.host.logo) if edition.host else None),
            "url": url,
            "inLanguage": _in_language(),
        }
    )


def _performer(speaker: Speaker, edition: Edition) -> dict:
    path = reverse("events:speaker", kwargs={"year": edition.year, "slug": speaker.slug})
    return {"@type": "Person", "name": speaker.name, "url": absolute_url(path)}


def session_event(session: Session, edition: Edition) -> dict:
    """One session as an Event, part of its edition (``superEvent``), organized by the
    edition's host (loaded with the edition)."""
    url = absolute_url(reverse("events:session", kwargs={"year": edition.year, "pk": session.pk}))
    start, end = edition_dates(edition)
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": session.title,
            "description": plain_text(session.abstract),
            "startDate": _local(session.start, edition),
            "endDate": _local(session.end, edition),
            "eventAttendanceMode": ATTENDANCE_MODES.get(session.delivery),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "location": _locations(
                edition, session.delivery, url, str(session.room) if session.room else ""
            ),
            "performer": [_performer(link.speaker, edition) for link in session.ordered_speakers],
            "organizer": _organization(edition.host) if edition.host else None,
            "superEvent": {
                "@type": "Event",
                "@id": edition_id(edition),
                "name": edition.title,
                "startDate": start,
                "endDate": end,
                "url": absolute_url(edition.get_absolute_url()),
            },
            "url": url,
            "inLanguage": _session_languages(session),
        }
    )


def speaker_person(speaker: Speaker, edition: Edition) -> dict:
    path = reverse("events:speaker", kwargs={"year": edition.year, "slug": speaker.slug})
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "Person",
            "name": speaker.name,
            "alternateName": speaker.name_original,
            "honorificPrefix": speaker.honorific,
            "jobTitle": speaker.position,
            "affiliation": (
                {"@type": "Organization", "name": speaker.affiliation}
                if speaker.affiliation
                else None
            ),
            "nationality": (
                {"@type": "Country", "name": str(speaker.country.name)} if speaker.country else None
            ),
            "description": plain_text(speaker.biography),
            "image": _file_url(speaker.photo),
            "sameAs": [speaker.website] if speaker.website else [],
            "url": absolute_url(path),
        }
    )


def news_article(article: NewsArticle) -> dict:
    """The article; its publisher is the conference series when it belongs to an edition."""
    url = absolute_url(article.get_absolute_url())
    authors = [
        {"@type": "Person", "name": name}
        for name in BYLINE_SEPARATORS.split(article.written_by)
        if name
    ]
    series = article.edition.series if article.edition else None
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "headline": article.title,
            "description": plain_text(article.summary),
            "datePublished": article.published_on.isoformat(),
            "dateModified": (article.updated_on or article.published_on).isoformat(),
            "author": authors,
            "publisher": (
                {
                    "@type": "Organization",
                    "name": series.name,
                    "url": absolute_url(reverse("events:home")),
                }
                if series
                else None
            ),
            "image": [_file_url(article.cover_image)] if article.cover_image else [],
            "mainEntityOfPage": url,
            "url": url,
            "inLanguage": _in_language(),
        }
    )
