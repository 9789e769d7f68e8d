"""News articles and the pages organizers write."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.utils import bulk_update_with_history

from common.admin.history import HistoryAdmin
from events.models import NewsArticle, Page

from .rich_text import RichTextAdminMixin
from .thumbnails import thumbnail_column


@admin.register(NewsArticle)
class NewsArticleAdmin(RichTextAdminMixin, HistoryAdmin, TranslationAdmin):
    rich_text_fields = ("body",)
    list_display = ["cover_thumbnail", "title", "status", "published_on", "edition", "preview_link"]
    list_display_links = ["cover_thumbnail", "title"]
    list_filter = ["status", "edition"]
    list_select_related = ["edition"]
    search_fields = ["title_en", "title_zh_hans", "summary_en", "summary_zh_hans", "slug"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["edition"]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ["cover_preview", "preview_link"]
    actions = ["publish", "move_to_draft"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_preview"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_on", "updated_on", "edition", "preview_link"]},
        ),
        (_("Credits"), {"classes": ["collapse"], "fields": ["written_by", "edited_by", "source"]}),
    ]

    cover_thumbnail = thumbnail_column("cover_image", _("cover"))
    cover_preview = thumbnail_column("cover_image", _("current cover image"), height=160)

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if not article.pk:
            return _("Save the article to preview it.")
        return render_to_string("admin/events/partials/preview_link.html", {"slug": article.slug})

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset, NewsArticle.Status.PUBLISHED)
        message = ngettext(
            "%(count)d article was published.", "%(count)d articles were published.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Move selected articles back to draft"), permissions=["change"])
    def move_to_draft(self, request, queryset):
        count = self._set_status(request, queryset, NewsArticle.Status.DRAFT)
        message = ngettext(
            "%(count)d article was moved back to draft.",
            "%(count)d articles were moved back to draft.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def _set_status(self, request, queryset, status) -> int:
        """Give the selected articles ``status``, each change kept in their history."""
        articles = list(queryset.exclude(status=status))
        for article in articles:
            article.status = status
        return bulk_update_with_history(
            articles, NewsArticle, ["status"], default_user=request.user
        )


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, HistoryAdmin, TranslationAdmin):
    rich_text_fields = ("body",)
    list_display = ["title", "slug", "edition", "in_menu", "order", "is_published"]
    list_editable = ["in_menu", "order", "is_published"]
    list_filter = ["edition", "is_published", "in_menu"]
    list_select_related = ["edition"]
    autocomplete_fields = ["edition"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ["image_preview"]
    fieldsets = [
        (None, {"fields": ["edition", "title", "slug", "body"]}),
        (_("Image"), {"fields": ["image", "image_preview"]}),
        (_("Menu and publishing"), {"fields": ["in_menu", "order", "is_published"]}),
    ]

    image_preview = thumbnail_column("image", _("current image"), height=160)
