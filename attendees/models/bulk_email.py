"""Emails organizers send to a selection of registrations, in every language of the site."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS


class MessageText(NamedTuple):
    subject: str
    body: str


# Each language of the site has its own version of a bulk email: (subject field, body field).
BULK_EMAIL_FIELDS = {
    "en": ("subject_en", "body_en"),
    "zh-hans": ("subject_zh_hans", "body_zh_hans"),
}


class BulkEmailQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate how many of each mailing's messages wait, were sent, or failed for good."""
        return self.annotate(
            waiting_count=Count(
                "messages", filter=Q(messages__status__in=[STATUS.queued, STATUS.requeued])
            ),
            sent_count=Count("messages", filter=Q(messages__status=STATUS.sent)),
            failed_count=Count("messages", filter=Q(messages__status=STATUS.failed)),
        )


class BulkEmail(models.Model):
    """A message organizers sent to a selection of registrations, one email per address.

    The emails themselves are in the outbox (django-post-office), linked through ``messages``,
    so the progress of a mailing is read from their status.
    """

    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    subject_en = models.CharField(_("subject in English"), max_length=200, blank=True)
    body_en = models.TextField(_("message in English"), blank=True)
    subject_zh_hans = models.CharField(_("subject in Chinese"), max_length=200, blank=True)
    body_zh_hans = models.TextField(_("message in Chinese"), blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"))
    messages = models.ManyToManyField(
        "post_office.Email",
        blank=True,
        related_name="bulk_emails",
        verbose_name=_("messages in the outbox"),
    )

    objects = BulkEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email to attendees")
        verbose_name_plural = _("emails to attendees")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject_en="") | ~Q(subject_zh_hans=""),
                name="bulk_email_has_a_version",
                violation_error_message=_("Write the message in at least one language."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{subject: "", body: ""})
                    | (~Q(**{subject: ""}) & ~Q(**{body: ""})),
                    name=f"bulk_email_{subject}_with_{body}",
                    violation_error_message=_("Write both the subject and the message."),
                )
                for subject, body in BULK_EMAIL_FIELDS.values()
            ],
        ]

    def __str__(self):
        return self.subject_en or self.subject_zh_hans

    def clean(self):
        errors = {}
        for subject, body in BULK_EMAIL_FIELDS.values():
            if getattr(self, subject) and not getattr(self, body):
                errors[body] = _("Write the message that goes with this subject.")
            elif getattr(self, body) and not getattr(self, subject):
                errors[subject] = _("Write a subject for this message.")
        if errors:
            raise ValidationError(errors)

    def versions(self) -> dict[str, MessageText]:
        """The written versions by language code, in the order of the site's languages."""
        return {
            language: MessageText(getattr(self, subject), getattr(self, body))
            for language, (subject, body) in BULK_EMAIL_FIELDS.items()
            if getattr(self, subject)
        }

    def text_for(self, language: str) -> MessageText:
        """The version in ``language``, or else the one that was written (each falls back)."""
        versions = self.versions()
        return versions.get(language) or next(iter(versions.values()))
