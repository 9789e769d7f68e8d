"""Which texts visitors read in both languages (django-modeltranslation).

The models' histories are registered at the end, once the per-language fields exist.
"""

from modeltranslation.translator import TranslationOptions, register

from .history import register_history
from .models import (
    Edition,
    NewsArticle,
    Organization,
    Page,
    Room,
    Series,
    Session,
    SessionLink,
    Speaker,
    SubForum,
    Topic,
)


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = (
        "title",
        "short_title",
        "theme",
        "description",
        "city",
        "venue",
        "address",
        "signatory_name",
        "signatory_position",
    )


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name", "address")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title",)


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "building", "directions")


@register(SubForum)
class SubForumTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("honorific", "position", "affiliation", "biography")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "subtitle", "abstract", "description")


@register(SessionLink)
class SessionLinkTranslation(TranslationOptions):
    fields = ("title",)


@register(NewsArticle)
class NewsArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "written_by", "edited_by", "source")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")


# Only now do the models have their per-language fields, which their histories must copy.
register_history()
