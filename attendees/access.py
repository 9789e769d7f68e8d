"""The private links of the hybrid conference, and who may open them.

Online meeting links of sub-forums and the livestream and replay links of sessions reserved for
registered attendees reach only confirmed (or approved) online attendees, on their personal page,
through `link_target`, which every such link passes (it also records their presence).
"""

from dataclasses import dataclass

from django.db.models import Q

from events.models import Session, SubForum

from .models import Registration

VISIBLE_TO_ATTENDEES = [Session.Visibility.ATTENDEES, Session.Visibility.PUBLIC]


@dataclass(frozen=True)
class OnlineAccess:
    sub_forums: list[SubForum]
    sessions: list[Session]


def meeting_sub_forums(registration: Registration):
    return registration.sub_forums.exclude(online_meeting_url="").order_by("order", "pk")


def streamed_sessions(registration: Registration):
    """Plenary sessions and those of the attendee's sub-forums that have a link to share."""
    return (
        Session.objects.for_edition(registration.edition_id)
        .filter(Q(sub_forum__isnull=True) | Q(sub_forum__registrations=registration))
        .filter(link_visibility__in=VISIBLE_TO_ATTENDEES)
        .exclude(livestream_url="", replay_url="")
        .select_related("sub_forum")
        .order_by("start", "pk")
        .distinct()
    )


def online_access(registration: Registration) -> OnlineAccess | None:
    """What the personal page lists; ``None`` for anyone not entitled to the links."""
    if not registration.may_see_online_links:
        return None
    return OnlineAccess(
        sub_forums=list(meeting_sub_forums(registration)),
        sessions=list(streamed_sessions(registration)),
    )


def link_target(registration: Registration, *, kind: str, pk: int) -> str | None:
    """The external address behind one private link, if this attendee may open it."""
    if not registration.may_see_online_links:
        return None
    if kind == "meeting":
        sub_forum = meeting_sub_forums(registration).filter(pk=pk).first()
        return sub_forum.online_meeting_url if sub_forum else None
    session = streamed_sessions(registration).filter(pk=pk).first()
    if session is None:
        return None
    return {"livestream": session.livestream_url, "replay": session.replay_url}.get(kind) or None
