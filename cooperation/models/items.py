"""Offers and needs: what an organization brings to the conference or looks for there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from attendees.models import OrganizationType, Registration
from events.models import Edition, Topic


class Kind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class Category(models.TextChoices):
    # Offers
    TECHNOLOGY_LICENSING = "technology_licensing", _("Technology licensing")
    LAB_CAPACITY = "lab_capacity", _("Laboratory or pilot-plant capacity")
    JOINT_RESEARCH = "joint_research", _("Joint research programme")
    JOINT_TRAINING = "joint_training", _("Joint training of postgraduates")
    INTERNSHIP = "internship", _("Internship")
    # Needs
    RESEARCH_PROBLEM = "research_problem", _("Research problem")
    PARTNER_SOUGHT = "partner_sought", _("Partner sought")
    EQUIPMENT = "equipment", _("Equipment")
    TALENT = "talent", _("Talent")

    @classmethod
    def for_kind(cls, kind: str) -> list["Category"]:
        """The categories an item of this kind may have."""
        return list(CATEGORIES_OF_KIND.get(kind, ()))


CATEGORIES_OF_KIND = {
    Kind.OFFER: (
        Category.TECHNOLOGY_LICENSING,
        Category.LAB_CAPACITY,
        Category.JOINT_RESEARCH,
        Category.JOINT_TRAINING,
        Category.INTERNSHIP,
    ),
    Kind.NEED: (
        Category.RESEARCH_PROBLEM,
        Category.PARTNER_SOUGHT,
        Category.EQUIPMENT,
        Category.TALENT,
    ),
}


class ItemStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")

    @classmethod
    def closable(cls):
        """The states an owner may close an item from."""
        return [cls.SUBMITTED, cls.PUBLISHED]


class CooperationItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED)

    def for_edition(self, edition):
        return self.filter(edition=edition)

    def awaiting_moderation(self):
        return self.filter(status=ItemStatus.SUBMITTED)

    def owned_by(self, registration):
        return self.filter(owner=registration)


class CooperationItem(models.Model):
    """An offer or a need published on an edition's cooperation board.

    The contact person's details are never shown on public pages, in the feed or the API:
    only a counterpart whose meeting request was accepted receives them.
    """

    Kind = Kind
    Category = Category
    Status = ItemStatus
    OrganizationType = OrganizationType

    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="cooperation_items",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("offer or need"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("type of cooperation"), max_length=30, choices=Category.choices)
    # Translated (cooperation/translation.py): either language may be empty, pages fall back.
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="cooperation_items",
        verbose_name=_("focus fields"),
    )
    organization_name = models.CharField(_("organization"), max_length=300)
    organization_type = models.CharField(
        _("type of organization"), max_length=20, choices=OrganizationType.choices
    )
    country = CountryField(_("country or region"))
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    owner = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cooperation_items",
        verbose_name=_("published by attendee"),
        help_text=_("Empty for items organizers entered themselves."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.SUBMITTED
    )
    rejection_reason = models.TextField(
        _("reason for rejection"),
        blank=True,
        help_text=_("Sent to the attendee who submitted the item."),
    )
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("The item's address on the board.")
    )
    is_sample = models.BooleanField(
        _("sample entry"),
        default=False,
        help_text=_("Marks demo items no organization submitted; shown with a label."),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published or rejected by"),
    )
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = CooperationItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation item")
        verbose_name_plural = _("cooperation items")
        ordering = ["-published_at", "-created_at", "-pk"]
        permissions = [
            ("moderate_cooperationitem", _("Can publish or reject cooperation items")),
            ("export_cooperationitem", _("Can export cooperation items")),
            ("view_cooperation_statistics", _("Can view cooperation statistics")),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "kind"], name="cooperation_item_board"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="cooperation_item_slug"),
            models.CheckConstraint(
                condition=Q(kind=Kind.OFFER, category__in=CATEGORIES_OF_KIND[Kind.OFFER])
                | Q(kind=Kind.NEED, category__in=CATEGORIES_OF_KIND[Kind.NEED]),
                name="cooperation_item_category_of_kind",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="cooperation_item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(organization_type__in=OrganizationType.values),
                name="cooperation_item_organization_type_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="cooperation_item_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.REJECTED) | ~Q(rejection_reason=""),
                name="cooperation_item_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return self.title or self.slug

    def clean(self):
        errors = {}
        if self.kind and self.category and self.category not in Category.for_kind(self.kind):
            errors["category"] = _("This category does not belong to the chosen kind.")
        if not any(getattr(self, f"title_{code}", "") for code in ("en", "zh_hans")):
            errors["title_en"] = _("Give the title in English, in Chinese, or both.")
        if self.status == ItemStatus.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Say why the item is rejected.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("cooperation:item", kwargs={"year": self.edition.year, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ItemStatus.PUBLISHED

    @property
    def keyword_list(self) -> list[str]:
        return [
            word.strip() for word in self.keywords.replace("，", ",").split(",") if word.strip()
        ]
