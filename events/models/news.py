"""News articles and the pages organizers write (About, Venue, Contact, ...)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.richtext import sanitize_translated

from . import image_sizes
from .edition import Edition


class NewsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=NewsArticle.Status.PUBLISHED, published_on__lte=timezone.localdate()
        )


class NewsArticle(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Rich text; unsafe markup is removed."))
    cover_image = models.ImageField(_("cover image"), upload_to="news/", blank=True)
    cover_summary = image_sizes.within("cover_image", 800, 600)
    cover_large = image_sizes.within("cover_image", 1600, 1200)
    written_by = models.CharField(_("written by"), max_length=200, blank=True)
    edited_by = models.CharField(_("edited by"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    updated_on = models.DateField(_("updated on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("edition"),
    )

    objects = NewsQuerySet.as_manager()

    # Addresses under /news/ the site itself uses (the RSS and Atom feeds).
    RESERVED_SLUGS = {"feed", "atom"}

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:news_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is already the address of another part of the site.")
                    % {"slug": self.slug}
                }
            )

    def save(self, *args, **kwargs):
        sanitize_translated(self, "body")
        super().save(*args, **kwargs)

    save.alters_data = True


class Page(models.Model):
    """A page organizers write: About, Venue and travel, Accommodation, Contact, FAQ, Privacy.

    A page of the series (no edition) lives at /about/; a page of one edition, at /2022/venue/.
    """

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pages",
        verbose_name=_("edition"),
        help_text=_(
            "Empty for a page about the conference series (/about/); an edition for what "
            "concerns that year only, such as venue, travel or contact (/2024/venue/)."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("The page's address: /about/ for the series, /2024/venue/ for an edition."),
    )
    body = models.TextField(_("body"), help_text=_("Rich text; unsafe markup is removed."))
    image = models.ImageField(_("image"), upload_to="pages/", blank=True)
    image_large = image_sizes.within("image", 1600, 1200)
    in_menu = models.BooleanField(_("show in the menu"), default=True)
    order = models.PositiveSmallIntegerField(_("menu order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    # Addresses the site itself uses; a page there would never be reached.
    RESERVED_SLUGS = {
        "admin",
        "api",
        "archive",
        "news",
        "search",
        "static",
        "media",
        "healthz",
        "i18n",
        "zh-hans",
    }

    # Addresses under /<year>/ the site itself uses.
    RESERVED_EDITION_SLUGS = {
        "program",
        "sub-forums",
        "sessions",
        "speakers",
        "register",
        "registration",
        "timetable",
        "agenda",
        "search",
    }

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(edition__isnull=True), name="unique_series_page_slug"
            ),
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_edition_page_slug"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.edition_id:
            return reverse(
                "events:edition_page", kwargs={"year": self.edition.year, "slug": self.slug}
            )
        return reverse("events:page", kwargs={"slug": self.slug})

    def clean(self):
        reserved = self.RESERVED_EDITION_SLUGS if self.edition_id else self.RESERVED_SLUGS
        if self.slug in reserved:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is already the address of another part of the site.")
                    % {"slug": self.slug}
                }
            )

    def save(self, *args, **kwargs):
        sanitize_translated(self, "body")
        super().save(*args, **kwargs)

    save.alters_data = True
