"""A conference series, its editions, the organizations behind them and the focus fields."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.utils import bulk_update_with_history

from events.richtext import sanitize_translated

from . import image_sizes

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


def conference_day(
    moment: datetime.datetime, tz: datetime.tzinfo, day_change: datetime.time
) -> datetime.date:
    """``Edition.conference_day`` for a clock and day change given apart from an edition."""
    local = timezone.localtime(moment, tz).replace(tzinfo=None)
    shift = datetime.timedelta(hours=day_change.hour, minutes=day_change.minute)
    return (local - shift).date()


def day_bounds(
    day: datetime.date, tz: datetime.tzinfo, day_change: datetime.time
) -> tuple[datetime.datetime, datetime.datetime]:
    """``Edition.day_bounds`` for a clock and day change given apart from an edition."""
    start = datetime.datetime.combine(day, day_change, tzinfo=tz)
    following = datetime.datetime.combine(day + datetime.timedelta(days=1), day_change, tzinfo=tz)
    return start, following


class Series(models.Model):
    """The conference that comes back edition after edition."""

    name = models.CharField(pgettext_lazy("of an organization or place", "name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("conference series")
        verbose_name_plural = _("conference series")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on-site and online)")


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The edition the home page shows, or ``None``."""
        return self.published().filter(is_current=True).first()


class Edition(models.Model):
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="editions", verbose_name=_("series")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, help_text=_("Also the edition's address: /2022/.")
    )
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=120, blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Rich text; unsafe markup is removed.")
    )
    cover = models.ImageField(
        _("cover image"),
        upload_to="editions/",
        blank=True,
        help_text=_(
            "A wide picture shown on the edition's home page, in the archive and when the "
            "site is shared on social media; about 1600 × 900 pixels."
        ),
    )
    # The banner on the home page, and the card in the archive (about 20rem wide, 2x screens).
    cover_large = image_sizes.within("cover", 1600, 900)
    cover_card = image_sizes.within("cover", 640, 360)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("Program times are entered and shown in this time zone."),
    )
    day_change = models.TimeField(
        _("day change"),
        default=datetime.time(0, 0),
        help_text=_(
            "When a conference day ends on the edition's clock. With 04:00, a session at 01:30 "
            "belongs to the day before, on the program and in the exports."
        ),
    )
    city = models.CharField(_("city"), max_length=120)
    venue = models.CharField(_("venue"), max_length=300)
    address = models.CharField(_("address"), max_length=300, blank=True)
    host = models.ForeignKey(
        "events.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_editions",
        verbose_name=_("host institution"),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.HYBRID)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_("The edition shown on the home page. Marking one current unmarks the others."),
    )
    participating_countries = CountryField(_("participating countries"), multiple=True, blank=True)
    countries_count = models.PositiveIntegerField(
        _("countries and regions"),
        null=True,
        blank=True,
        help_text=_("Headline figure for the home page, e.g. 10 for “10+ countries”."),
    )
    experts_count = models.PositiveIntegerField(_("experts and scholars"), null=True, blank=True)
    postgraduates_count = models.PositiveIntegerField(_("postgraduates"), null=True, blank=True)
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        blank=True,
        help_text=_("Who signs invitation letters and certificates for this edition."),
    )
    signatory_position = models.CharField(_("signatory's position"), max_length=200, blank=True)
    on_site_capacity = models.PositiveIntegerField(
        _("on-site capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for on-site attendees of the whole edition; empty means unlimited."),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_edition"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="edition_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=models.F("registration_opens")),
                name="edition_registration_closes_after_opens",
            ),
        ]

    def __str__(self):
        return self.short_title or f"{self.year}"

    def get_absolute_url(self):
        return reverse("events:edition", kwargs={"year": self.year})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The edition cannot end before it starts.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # save() unmarks the previous current edition, so marking this one cannot violate
        # one_current_edition; validating it before save() would wrongly refuse the form.
        super().validate_constraints(exclude={*(exclude or ()), "is_current"})

    def save(self, *args, **kwargs):
        sanitize_translated(self, "description")
        # Unmark the previous current edition in the same transaction, so the database
        # constraint (at most one) and the rule (exactly one once any is marked) both hold.
        with transaction.atomic():
            if self.is_current:
                previous = list(Edition.objects.filter(is_current=True).exclude(pk=self.pk))
                for edition in previous:
                    edition.is_current = False
                # In bulk, yet kept in the history (events/history.py) like any other change.
                bulk_update_with_history(previous, Edition, ["is_current"])
            super().save(*args, **kwargs)

    save.alters_data = True

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def takes_place_within(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        """Whether ``start``–``end`` falls within the edition's conference days."""
        first = self.conference_day(start)
        last = self.conference_day(end - datetime.timedelta(microseconds=1))
        return self.start_date <= first and last <= self.end_date

    def conference_day(self, moment: datetime.datetime) -> datetime.date:
        """The conference day ``moment`` belongs to: its date on the edition's clock, or the
        date before when it falls after midnight but before ``day_change``.

        Every grouping by day (program, filters, exports, imports) goes through this method or
        `day_bounds`, so a late-night session is on the same day everywhere.
        """
        return conference_day(moment, self.tzinfo, self.day_change)

    def day_bounds(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        """When conference day ``day`` starts and ends (``day_change`` to ``day_change``)."""
        return day_bounds(day, self.tzinfo, self.day_change)

    @property
    def days(self):
        """Every date of the edition, first to last."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=i) for i in range(count)]

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_opens or not self.registration_closes:
            return False
        return self.registration_opens <= now < self.registration_closes

    def registration_phase(self, now=None) -> str | None:
        """``"upcoming"``, ``"open"`` or ``"closed"``; ``None`` without a registration window."""
        if not self.registration_opens or not self.registration_closes:
            return None
        now = now or timezone.now()
        if now < self.registration_opens:
            return "upcoming"
        return "open" if self.registration_is_open(now) else "closed"


class Organization(models.Model):
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    name = models.CharField(pgettext_lazy("of an organization or place", "name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.OTHER)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/", blank=True)
    # Shown about 8rem wide and 4rem high in the footer and the organizers' list (2x screens).
    logo_small = image_sizes.logo("logo", 320, 160)
    address = models.CharField(
        _("postal address"),
        max_length=300,
        blank=True,
        help_text=_("Printed on letterheads when the organization hosts an edition."),
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizerRole(models.Model):
    """The part an organization plays in an edition ("under the guidance of", "organized by")."""

    class Role(models.TextChoices):
        GUIDANCE = "guidance", _("Under the guidance of")
        ORGANIZER = "organizer", _("Organized by")
        PRESENTER = "presenter", _("Presented by")
        CO_ORGANIZER = "co_organizer", _("Co-organized by")
        SUPPORTER = "supporter", _("Supported by")
        SPONSOR = "sponsor", _("Sponsor")

    # The order in which the roles are read out, as on a conference poster.
    ROLE_ORDER = [r.value for r in Role]

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="organizer_roles",
        verbose_name=_("edition"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organizer role")
        verbose_name_plural = _("organizer roles")
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organization", "role"], name="unique_organizer_role"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} #{self.organization_id}"


class Topic(models.Model):
    """A focus field of an edition."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="topics", verbose_name=_("edition")
    )
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus field")
        verbose_name_plural = _("focus fields")
        ordering = ["edition", "order", "pk"]

    def __str__(self):
        return self.title
