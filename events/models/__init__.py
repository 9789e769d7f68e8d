from .content_version import ContentVersion
from .edition import Edition, Mode, Organization, OrganizerRole, Series, Topic
from .edition_file import EditionFile
from .news import NewsArticle, Page
from .people import Speaker
from .program import Room, Session, SessionLink, SessionSpeaker, SubForum
from .schedule_import import ScheduleImport
from .speaker_identity import SpeakerIdentity

__all__ = [
    "ContentVersion",
    "Edition",
    "EditionFile",
    "Mode",
    "NewsArticle",
    "Organization",
    "OrganizerRole",
    "Page",
    "Room",
    "ScheduleImport",
    "Series",
    "Session",
    "SessionLink",
    "SessionSpeaker",
    "Speaker",
    "SpeakerIdentity",
    "SubForum",
    "Topic",
]
