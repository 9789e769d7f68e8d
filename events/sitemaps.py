"""The sitemap: every public page in English and Chinese, each naming its twin (hreflang).

Addresses use SITE_URL's scheme and host (django.contrib.sites is not installed, so Django would
otherwise take them from the request). Each section is one query, whatever the program's size.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .absolute_urls import site_origin
from .models import Edition, NewsArticle, Page, Session, SessionSpeaker, SubForum


class SiteSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return site_origin()[0]

    def get_domain(self, site=None):
        return site_origin()[1]


class SiteWideSitemap(SiteSitemap):
    """Pages that belong to no edition."""

    def items(self):
        return ["events:home", "events:archive", "events:news"]

    def location(self, name):
        return reverse(name)


class EditionPagesSitemap(SiteSitemap):
    """Each published edition's home, program, sub-forums and speakers pages."""

    url_names = ["events:edition", "events:program", "events:sub_forums", "events:speakers"]

    def items(self):
        years = Edition.objects.published().order_by("-year").values_list("year", flat=True)
        return [(year, name) for year in years for name in self.url_names]

    def location(self, item):
        year, name = item
        return reverse(name, kwargs={"year": year})


class SubForumSitemap(SiteSitemap):
    def items(self):
        return (
            SubForum.objects.filter(edition__is_published=True)
            .select_related("edition")
            .only("slug", "edition__year")
            .order_by("-edition__year", "order", "pk")
        )


class SessionSitemap(SiteSitemap):
    def items(self):
        return (
            Session.objects.filter(edition__is_published=True)
            .select_related("edition")
            .only("pk", "edition__year")
            .order_by("-edition__year", "start", "pk")
        )


class SpeakerSitemap(SiteSitemap):
    """A speaker has a page in each edition they speak at or chair a sub-forum of."""

    def items(self):
        # One query: UNION also removes a speaker who both speaks and chairs in an edition.
        speaking = (
            SessionSpeaker.objects.filter(session__edition__is_published=True)
            .values_list("session__edition__year", "speaker__slug")
            .order_by()
        )
        chairing = (
            SubForum.chairs.through.objects.filter(subforum__edition__is_published=True)
            .values_list("subforum__edition__year", "speaker__slug")
            .order_by()
        )
        return sorted(speaking.union(chairing), key=lambda pair: (-pair[0], pair[1]))

    def location(self, item):
        year, slug = item
        return reverse("events:speaker", kwargs={"year": year, "slug": slug})


class NewsSitemap(SiteSitemap):
    def items(self):
        return NewsArticle.objects.published().only("slug", "published_on", "updated_on")

    def lastmod(self, article):
        return article.updated_on or article.published_on


class PageSitemap(SiteSitemap):
    def items(self):
        return Page.objects.filter(is_published=True).only("slug").order_by("order", "pk")


SITEMAPS = {
    "site": SiteWideSitemap,
    "editions": EditionPagesSitemap,
    "sub-forums": SubForumSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
    "news": NewsSitemap,
    "pages": PageSitemap,
}
