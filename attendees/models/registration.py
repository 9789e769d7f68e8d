"""A person's registration for an edition: its states and choices, filters and ticket codes."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.names import ordered_names
from events.models import Edition, SubForum

from .registration_fields import Use, names

# Ticket codes are read aloud and typed at the desk: no 0/O, 1/I/L or U/V look-alikes.
TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
TICKET_CODE_LENGTH = 10


def new_ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_CODE_LENGTH))


def new_access_secret() -> str:
    return secrets.token_urlsafe(12)


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
    PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CONFIRMED = "confirmed", _("Confirmed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not accepted")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def holding_place(cls):
        """The states that take a seat (on-site) or a place (online)."""
        return [cls.CONFIRMED, cls.APPROVED]

    @classmethod
    def cancellable(cls):
        return [cls.UNCONFIRMED, cls.PENDING_APPROVAL, cls.WAITLISTED, cls.CONFIRMED, cls.APPROVED]


class AttendanceMode(models.TextChoices):
    # The same stored values as events.Mode, without "hybrid": a person attends one way.
    ON_SITE = "on_site", _("On-site")
    ONLINE = "online", _("Online")


class Category(models.TextChoices):
    EXPERT = "expert", _("Expert or scholar")
    POSTGRADUATE = "postgraduate", _("Postgraduate student")
    INDUSTRY = "industry", _("Industry")
    GOVERNMENT = "government", _("Government")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other")


class AttendeeRole(models.TextChoices):
    """The part someone plays at the conference, printed on badges and certificates."""

    ATTENDEE = "attendee", _("Attendee")
    SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")


class OrganizationType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    ENTERPRISE = "enterprise", _("Enterprise")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Every registration that is not cancelled (one per email and edition)."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def holding_place(self):
        return self.filter(status__in=RegistrationStatus.holding_place())

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def in_waitlist_order(self):
        return self.waitlisted().order_by("waitlisted_at", "pk")

    def expired_unconfirmed(self, *, now):
        cutoff = now - settings.ATTENDEES_CONFIRMATION_MAX_AGE
        return self.filter(status=RegistrationStatus.UNCONFIRMED, confirmation_sent_at__lt=cutoff)

    def awaiting_reminder(self):
        """Registrations holding a place that have not been reminded of the conference yet."""
        return self.holding_place().filter(
            reminder_sent_at__isnull=True, anonymized_at__isnull=True
        )

    def due_for_anonymization(self, *, ended_before: datetime.date):
        """Registrations not yet anonymized of the editions whose last day is before the date."""
        return self.filter(anonymized_at__isnull=True, edition__end_date__lt=ended_before)


class Registration(models.Model):
    Status = RegistrationStatus
    Mode = AttendanceMode
    Category = Category
    OrganizationType = OrganizationType
    Role = AttendeeRole

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("edition")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("In Latin script, as in your passport.")
    )
    name_original = models.CharField(
        _("name in original script"),
        max_length=200,
        blank=True,
        help_text=_("For example your name in Chinese characters."),
    )
    email = models.EmailField(_("email"), help_text=_("Stored in lower case."))
    organization = models.CharField(_("organization"), max_length=300)
    organization_type = models.CharField(
        _("type of organization"), max_length=20, choices=OrganizationType.choices
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    country = CountryField(_("country or region"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        default=Role.ATTENDEE,
        help_text=_("Set by organizers; printed on the badge and the certificate of attendance."),
    )
    mode = models.CharField(
        _("participation"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE
    )
    sub_forums = models.ManyToManyField(
        SubForum, blank=True, related_name="registrations", verbose_name=_("sub-forums")
    )
    needs_visa_letter = models.BooleanField(_("needs a visa invitation letter"), default=False)
    nationality = CountryField(_("nationality"), blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    privacy_consent_at = models.DateTimeField(
        _("accepted the privacy notice at"),
        help_text=_("Registration is not possible without this consent."),
    )
    public_listing_consent = models.BooleanField(
        _("may be named in the public list of participants"), default=False
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails are written in this language."),
    )
    ticket_code = models.CharField(
        _("ticket code"), max_length=20, unique=True, default=new_ticket_code, editable=False
    )
    access_secret = models.CharField(
        _("access secret"),
        max_length=40,
        default=new_access_secret,
        editable=False,
        help_text=_("Part of every personal link; changing it revokes the links sent so far."),
    )

    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation link sent at"), null=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or rejected by"),
    )
    waitlisted_at = models.DateTimeField(
        _("waitlisted at"),
        null=True,
        blank=True,
        help_text=_("The waitlist is served in this order."),
    )
    confirmed_at = models.DateTimeField(
        _("place granted at"),
        null=True,
        blank=True,
        help_text=_("When the registration got its seat or online place."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(
        _("checked in at"),
        null=True,
        blank=True,
        help_text=_("At the desk, or for online attendees when they first opened a link."),
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text=_("When the reminder before the conference was emailed; it is sent once."),
    )
    anonymized_at = models.DateTimeField(
        _("anonymized at"),
        null=True,
        blank=True,
        help_text=_(
            "After the retention period the personal data is erased; what the statistics "
            "count (category, country, type of organization, participation, status) stays."
        ),
    )
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    # Organizers' changes, browsable and revertible in the admin. Passport data stays out (a
    # copy in every version would outlive the letter it was for), and so does the secret of
    # the personal links (a revert must never bring revoked links back): `Use.UNVERSIONED`.
    # Deleting a registration erases it at the attendee's request: its history goes with it.
    history = HistoricalRecords(
        excluded_fields=list(names(Use.UNVERSIONED)), cascade_delete_history=True
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("view_passport_data", _("Can view passport data")),
            ("can_check_in", _("Can check in attendees")),
            ("export_registration", _("Can export registrations")),
            ("view_statistics", _("Can view registration statistics")),
            ("print_badges", _("Can print name badges")),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "mode"], name="registration_capacity"),
            models.Index(fields=["edition", "waitlisted_at"], name="registration_waitlist"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="registration_email_lower_case"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=AttendanceMode.values), name="registration_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(role__in=AttendeeRole.values), name="registration_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(needs_visa_letter=True)
                | Q(nationality="", passport_number="", date_of_birth__isnull=True),
                name="registration_passport_data_only_for_visa",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.WAITLISTED) | Q(waitlisted_at__isnull=False),
                name="registration_waitlisted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True)
                | Q(status__in=RegistrationStatus.holding_place()),
                name="registration_checked_in_holds_place",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def clean(self):
        if self.email:
            self.email = self.email.strip().lower()
        if not self.needs_visa_letter:
            self.clear_passport_data()
            return
        required = _("Needed for the visa invitation letter.")
        errors = {field: required for field in names(Use.PASSPORT) if not getattr(self, field)}
        if errors:
            raise ValidationError(errors)

    def clear_passport_data(self):
        for name in names(Use.PASSPORT):
            setattr(self, name, self._meta.get_field(name).get_default())

    clear_passport_data.alters_data = True

    @property
    def display_name(self) -> str:
        """The name to address the attendee by in the active language (王建国 in Chinese)."""
        return ordered_names(self.name, self.name_original, translation.get_language())[0]

    @property
    def other_name(self) -> str:
        """The attendee's name in the other script, shown after ``display_name``; or ``""``."""
        return ordered_names(self.name, self.name_original, translation.get_language())[1]

    @property
    def desk_names(self) -> tuple[str, str]:
        """(the name the check-in desk shows first, the one beside it or ``""``).

        In either language of the desk a name in Chinese characters leads (王建国, then "Wang
        Jianguo"): it is the name a Chinese attendee gives there and the one staff call out.
        """
        return ordered_names(self.name, self.name_original, "zh-hans")

    @property
    def holds_place(self) -> bool:
        return self.status in self.Status.holding_place()

    @property
    def is_on_site(self) -> bool:
        return self.mode == self.Mode.ON_SITE

    @property
    def has_ticket(self) -> bool:
        """Confirmed (or approved) on-site attendees get a ticket for the check-in desk."""
        return self.holds_place and self.is_on_site

    @property
    def may_see_online_links(self) -> bool:
        """Only confirmed (or approved) online attendees receive the meeting and stream links."""
        return self.holds_place and self.mode == self.Mode.ONLINE

    @property
    def is_anonymized(self) -> bool:
        return self.anonymized_at is not None

    @property
    def was_approved(self) -> bool:
        return self.approved_at is not None

    def waitlist_position(self) -> int | None:
        """1 for the next in line; ``None`` when not on the waitlist. Each mode has its own line."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(edition_id=self.edition_id, mode=self.mode)
            .filter(
                Q(waitlisted_at__lt=self.waitlisted_at)
                | Q(waitlisted_at=self.waitlisted_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1
