"""News feeds, RSS 2.0 and Atom, in the language of the address they are read from."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from common.absolute_urls import absolute_url

from .models import Edition, NewsArticle

FEED_LENGTH = 20


def _as_datetime(day: datetime.date) -> datetime.datetime:
    # News carries dates only; the syndication view makes this naive midnight aware in TIME_ZONE.
    return datetime.datetime.combine(day, datetime.time.min)


class NewsFeed(Feed):
    """The newest published articles; links and the feed's own address come from SITE_URL."""

    url_name = "events:news_feed"

    def get_object(self, request):
        # The feed's title names the conference the site is showing now.
        return Edition.objects.select_related("series").current()

    def title(self, edition):
        name = (edition and (edition.short_title or edition.series.name)) or gettext("Conference")
        return gettext("%(site)s: news") % {"site": name}

    def description(self, edition):
        return gettext("News about the conference: announcements, reports and press coverage.")

    def author_name(self, edition):
        return edition.series.name if edition else gettext("Conference")

    def link(self):
        return absolute_url(reverse("events:news"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def items(self):
        return NewsArticle.objects.published().select_related("edition")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Both are plain text or HTML sanitized when saved; the feed generator escapes them.
        return article.summary or article.body

    def item_link(self, article):
        return absolute_url(article.get_absolute_url())

    def item_pubdate(self, article):
        return _as_datetime(article.published_on)

    def item_updateddate(self, article):
        return _as_datetime(article.updated_on or article.published_on)

    def item_author_name(self, article):
        return article.written_by or None

    def item_categories(self, article):
        return [str(article.edition)] if article.edition else []


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    url_name = "events:news_atom"

    def subtitle(self, edition):
        return self.description(edition)
