"""The documents issued to attendees that can be verified: visa invitation letters and
certificates of attendance.

A document is a record (kind, serial number, who issued it and when, and whether it was
revoked); its PDF is drawn from the registration whenever it is downloaded
(`attendees.documents`), in English or Chinese, both versions with the same serial number.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Edition

from .registration import TICKET_ALPHABET, Registration

# Printed on paper and typed from it: the ticket alphabet (no look-alikes), 16 characters,
# about 77 bits of chance, so a serial cannot be guessed or enumerated.
SERIAL_LENGTH = 16


def new_serial() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(SERIAL_LENGTH))


def group_serial(serial: str) -> str:
    """Grouped for reading and typing: ``K7QF-9M2X-AB3D-7HJK``."""
    return "-".join(serial[i : i + 4] for i in range(0, len(serial), 4))


class DocumentKind(models.TextChoices):
    VISA_LETTER = "visa_letter", _("Visa invitation letter")
    CERTIFICATE = "certificate", _("Certificate of attendance")


class IssuedDocumentQuerySet(models.QuerySet):
    def valid(self):
        """Documents that have not been revoked."""
        return self.filter(revoked_at__isnull=True)

    def visa_letters(self):
        return self.filter(kind=DocumentKind.VISA_LETTER)

    def certificates(self):
        return self.filter(kind=DocumentKind.CERTIFICATE)


class IssuedDocument(models.Model):
    Kind = DocumentKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("registration"),
        help_text=_("Empty once the registration has been deleted; the record stays verifiable."),
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    holder_initials = models.CharField(
        _("holder's initials"),
        max_length=40,
        blank=True,
        help_text=_("All that the public verification page shows of the holder's name."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The attendee's language when it was issued, offered first; the document exists "
            "in every language of the site, with the same serial number."
        ),
    )
    serial = models.CharField(
        _("serial number"), max_length=SERIAL_LENGTH, unique=True, default=new_serial
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty for certificates the attendee downloaded from their personal page."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        permissions = [
            ("issue_visa_letter", _("Can issue and revoke visa invitation letters")),
            ("issue_certificate", _("Can issue and revoke certificates of attendance")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_document_per_kind",
                violation_error_message=_("This registration already has such a document."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="issued_document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=False)
                | Q(revoked_by__isnull=True, revocation_reason=""),
                name="issued_document_revocation_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.display_serial}"

    def get_absolute_url(self):
        """The public verification page (what the QR code on the document opens)."""
        return reverse("attendees:verify", kwargs={"serial": self.display_serial})

    @property
    def display_serial(self) -> str:
        return group_serial(self.serial)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_visa_letter(self) -> bool:
        return self.kind == DocumentKind.VISA_LETTER
