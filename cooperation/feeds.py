"""The board's feeds of newly published items, RSS 2.0 and Atom, in the address's language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from common.absolute_urls import absolute_url
from events import queries as event_queries

from . import queries
from .models import CooperationItem

FEED_LENGTH = 30


class ItemsFeed(Feed):
    """No contact person and no owner: only what the public board shows."""

    url_name = "cooperation:feed"

    def get_object(self, request, year):
        return event_queries.published_edition(year)

    def title(self, edition):
        return gettext("%(edition)s: cooperation board") % {
            "edition": edition.short_title or edition.title
        }

    def description(self, edition):
        return gettext("New offers and needs of universities, research institutes and enterprises.")

    def link(self, edition):
        return absolute_url(reverse("cooperation:board", kwargs={"year": edition.year}))

    def feed_url(self, edition):
        return absolute_url(reverse(self.url_name, kwargs={"year": edition.year}))

    def items(self, edition):
        items = queries.listed(queries.board_items(edition)).select_related("edition")
        return items[:FEED_LENGTH]

    def item_title(self, item: CooperationItem):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item: CooperationItem):
        # Plain text as entered; the feed generator escapes it.
        return item.description

    def item_link(self, item: CooperationItem):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: CooperationItem):
        return f"cooperation-item-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: CooperationItem):
        return item.published_at

    def item_author_name(self, item: CooperationItem):
        return item.organization_name

    def item_categories(self, item: CooperationItem):
        return [item.get_category_display(), *(topic.title for topic in item.topics.all())]


class ItemsAtomFeed(ItemsFeed):
    feed_type = Atom1Feed
    url_name = "cooperation:atom"

    def subtitle(self, edition):
        return self.description(edition)
