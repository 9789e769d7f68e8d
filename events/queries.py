"""Named query shapes for the public pages, so each page costs a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from .models import Edition, NewsArticle, OrganizerRole, Session, SessionSpeaker, Speaker, SubForum


def published_edition(year: int) -> Edition:
    return get_object_or_404(Edition.objects.published().select_related("host"), year=year)


def exported_edition(year: int) -> Edition:
    """A published edition with its series, which names it in schedule exports."""
    return get_object_or_404(Edition.objects.published().select_related("series"), year=year)


def organizer_roles(edition: Edition) -> list[OrganizerRole]:
    return list(
        OrganizerRole.objects.filter(edition=edition)
        .select_related("organization")
        .order_by("order", "pk")
    )


def group_roles(roles: list[OrganizerRole]) -> list[tuple[str, list[OrganizerRole]]]:
    """[(role label, [roles...]), ...] in poster order: guidance, organized by, presented by, ..."""
    groups: dict[str, list[OrganizerRole]] = {}
    for role in sorted(roles, key=lambda r: (OrganizerRole.ROLE_ORDER.index(r.role), r.order)):
        groups.setdefault(role.role, []).append(role)
    return [(OrganizerRole.Role(key).label, items) for key, items in groups.items()]


def sub_forums(edition: Edition):
    """Sub-forums with host, room, focus fields and chairs loaded."""
    return (
        SubForum.objects.filter(edition=edition)
        .select_related("host", "room")
        .prefetch_related("topics", "chairs")
        .order_by("order", "pk")
    )


def edition_sessions(edition: Edition):
    """The edition's sessions in program order, without related rows (``program_listing``
    reads them as values)."""
    return Session.objects.for_edition(edition).order_by("start", "room__name", "pk")


def sub_forum_choices(edition: Edition):
    """Sub-forums as the program's filter offers them: titles and slugs, nothing related."""
    return SubForum.objects.filter(edition=edition).order_by("order", "pk")


def session_languages(edition: Edition) -> set[str]:
    """The languages ``edition``'s sessions are given or interpreted in (the program's filter)."""
    pairs = (
        Session.objects.for_edition(edition)
        .order_by()
        .values_list("language", "interpretation_language")
        .distinct()
    )
    return {code for pair in pairs for code in pair if code}


def program_sessions(edition: Edition):
    """The edition's sessions in program order, as instances with their listing data, links
    and attachments (the calendars and schedule files carry them)."""
    return edition_sessions(edition).with_listing_data().with_links()


def _speaking_or_chairing(sessions: Q, sub_forums: Q) -> Q:
    """Speakers of a session matching ``sessions`` or chairs of a sub-forum matching ``sub_forums``.

    Two IN subqueries rather than joins: joining both relations repeats a speaker once per
    session and sub-forum, which then needs DISTINCT, and counting that grows with the program.
    """
    speaking = SessionSpeaker.objects.filter(sessions).values("speaker_id")
    chairing = SubForum.chairs.through.objects.filter(sub_forums).values("speaker_id")
    return Q(pk__in=speaking) | Q(pk__in=chairing)


def edition_speakers(edition: Edition):
    """Everyone who speaks or chairs in ``edition``, each once, by name."""
    return Speaker.objects.filter(
        _speaking_or_chairing(Q(session__edition=edition), Q(subforum__edition=edition))
    ).order_by("name", "pk")


def edition_speaker(edition: Edition, slug: str) -> Speaker | None:
    """The speaker ``slug`` if they speak or chair in ``edition``: found by slug first, so the
    cost does not grow with the edition (``edition_speakers`` lists the whole edition)."""
    speaks = SessionSpeaker.objects.filter(speaker=OuterRef("pk"), session__edition=edition)
    chairs = SubForum.objects.filter(chairs=OuterRef("pk"), edition=edition)
    return Speaker.objects.filter(Q(Exists(speaks)) | Q(Exists(chairs)), slug=slug).first()


# The home page shows this many sessions, speakers and sub-forums whatever the edition's size,
# each section with a link to the whole list.
HOME_SESSIONS = 4
HOME_SPEAKERS = 8
HOME_SUB_FORUMS = 6


def featured_sessions(edition: Edition) -> list[Session]:
    """The sessions the home page shows, with their speakers: those organizers marked as
    featured, or else the first keynotes, in program order (at most ``HOME_SESSIONS``)."""
    # One query for both: featured sessions sort first, keynotes fill in when there are none.
    sessions = list(
        Session.objects.for_edition(edition)
        .filter(Q(is_featured=True) | Q(kind=Session.Kind.KEYNOTE))
        .with_listing_data()
        .order_by("-is_featured", "start", "pk")[:HOME_SESSIONS]
    )
    if sessions and sessions[0].is_featured:
        sessions = [session for session in sessions if session.is_featured]
    return sessions


def featured_speakers(sessions: list[Session]) -> list[Speaker]:
    """The speakers of ``sessions`` (already loaded), each once, in program order."""
    seen: dict[int, Speaker] = {}
    for session in sessions:
        for link in session.ordered_speakers:
            seen.setdefault(link.speaker_id, link.speaker)
    return list(seen.values())[:HOME_SPEAKERS]


def home_sub_forums(edition: Edition):
    """The first sub-forums, for the home page."""
    return sub_forums(edition)[:HOME_SUB_FORUMS]


def speaker_sessions(speaker: Speaker, edition: Edition):
    """The speaker's sessions in ``edition``, in program order (for ``program_listing``)."""
    return edition_sessions(edition).filter(session_speakers__speaker=speaker)


def latest_news(edition: Edition, limit: int = 3):
    """The edition's newest articles, with those attached to no edition."""
    return (
        NewsArticle.objects.published()
        .filter(Q(edition=edition) | Q(edition__isnull=True))
        .select_related("edition")[:limit]
    )


def session_with_speakers(edition: Edition, pk: int) -> Session:
    """One session of ``edition`` with its room, sub-forum, speakers, links and attachments."""
    return get_object_or_404(
        Session.objects.for_edition(edition)
        .select_related("room", "sub_forum")
        .prefetch_related(
            Prefetch(
                "session_speakers",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by("order", "pk"),
                to_attr="ordered_speakers",
            )
        )
        .with_links(),
        pk=pk,
    )


# The JSON API (events/api/) reads across every published edition.


def published_editions():
    """Every published edition, newest first, with its host."""
    return Edition.objects.published().select_related("host").order_by("-year")


def published_sub_forums():
    """Sub-forums of published editions with edition, host, room, focus fields and chairs."""
    return (
        SubForum.objects.filter(edition__is_published=True)
        .select_related("edition", "host", "room")
        .prefetch_related("topics", "chairs")
        .order_by("-edition__year", "order", "pk")
    )


def published_sessions():
    """Sessions of published editions as a program lists them, with their edition."""
    return (
        Session.objects.filter(edition__is_published=True)
        .with_listing_data()
        .with_links()
        .select_related("edition")
        .order_by("start", "room__name", "pk")
    )


def published_speakers():
    """Everyone who speaks or chairs in a published edition, each once, by name."""
    return Speaker.objects.filter(
        _speaking_or_chairing(
            Q(session__edition__is_published=True), Q(subforum__edition__is_published=True)
        )
    ).order_by("name", "pk")


def speakers_with_appearances():
    """Published speakers with their sessions and chaired sub-forums in published editions."""
    return published_speakers().prefetch_related(
        Prefetch(
            "sessions",
            queryset=Session.objects.filter(edition__is_published=True)
            .select_related("edition")
            .order_by("start", "pk"),
            to_attr="published_sessions",
        ),
        Prefetch(
            "chaired_sub_forums",
            queryset=SubForum.objects.filter(edition__is_published=True)
            .select_related("edition")
            .order_by("-edition__year", "order", "pk"),
            to_attr="published_chaired_sub_forums",
        ),
    )


def published_news():
    """Published articles, newest first, with their edition."""
    return NewsArticle.objects.published().select_related("edition")
