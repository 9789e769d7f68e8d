"""Emails to a selection of registrations: the page to write them, and their progress.

Organizers filter the registrations list, select, and choose "Send an email to the selected
registrations"; `compose` shows how many people that reaches and a form with a version per
language. Sending is `attendees.bulk_email.send_bulk_email`; each mailing is listed under
"Emails to attendees" with how many of its messages wait, were sent or failed.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import bulk_email
from ..models import BULK_EMAIL_FIELDS, BulkEmail


def _language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


class BulkEmailForm(forms.ModelForm):
    class Meta:
        model = BulkEmail
        fields = [field for pair in BULK_EMAIL_FIELDS.values() for field in pair]
        widgets = {
            body: forms.Textarea(attrs={"rows": 12, "cols": 80})
            for _subject, body in BULK_EMAIL_FIELDS.values()
        }

    def versions(self):
        """For the template: each language's name, subject field and body field."""
        names = _language_names()
        return [
            (names[language], self[subject], self[body])
            for language, (subject, body) in BULK_EMAIL_FIELDS.items()
        ]


def compose(model_admin, request, queryset):
    """The action's page: write the message; on a valid form, queue it and show its progress."""
    recipients = bulk_email.recipients(queryset)
    if request.POST.get("post"):
        form = BulkEmailForm(request.POST)
        if form.is_valid() and recipients:
            sent = bulk_email.send_bulk_email(
                registrations=queryset, by=request.user, texts=form.instance.versions()
            )
            model_admin.message_user(
                request,
                ngettext(
                    "%d email queued; the outbox sends it in the next minutes.",
                    "%d emails queued; the outbox sends them in the next minutes.",
                    sent.recipients_count,
                )
                % sent.recipients_count,
                messages.SUCCESS,
            )
            if request.user.has_perm("attendees.view_bulkemail"):
                return HttpResponseRedirect(
                    reverse("admin:attendees_bulkemail_change", args=[sent.pk])
                )
            return None  # back to the list
    else:
        form = BulkEmailForm()
    languages = _language_names()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Send an email to the selected registrations"),
        "opts": model_admin.model._meta,
        "form": form,
        "recipients_count": len(recipients),
        "by_language": [
            (languages[code], count)
            for code, count in bulk_email.count_by_language(recipients).items()
        ],
        "selected": queryset.values_list("pk", flat=True),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/attendees/registration/bulk_email.html", context)


@admin.register(BulkEmail)
class BulkEmailAdmin(admin.ModelAdmin):
    """A record of each mailing; read-only, since its messages are already in the outbox."""

    list_display = [
        "__str__",
        "created_at",
        "sent_by",
        "recipients_count",
        "waiting",
        "sent",
        "failed",
    ]
    list_select_related = ["sent_by"]
    date_hierarchy = "created_at"
    search_fields = ["subject_en", "subject_zh_hans"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "created_at",
                    "sent_by",
                    "recipients_count",
                    "waiting",
                    "sent",
                    "failed",
                    "no_longer_stored",
                ]
            },
        ),
        *[
            (_language_names()[language], {"fields": [subject, body]})
            for language, (subject, body) in BULK_EMAIL_FIELDS.items()
        ],
    ]
    readonly_fields = [
        "created_at",
        "sent_by",
        "recipients_count",
        "waiting",
        "sent",
        "failed",
        "no_longer_stored",
        *[field for pair in BULK_EMAIL_FIELDS.values() for field in pair],
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    @admin.display(description=gettext_lazy("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=gettext_lazy("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=gettext_lazy("failed"), ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count

    @admin.display(description=gettext_lazy("no longer in the outbox"))
    def no_longer_stored(self, obj):
        # Messages are deleted with a registration erased at the attendee's request.
        return obj.recipients_count - obj.waiting_count - obj.sent_count - obj.failed_count

    def has_add_permission(self, request):
        # Written from the registrations list, for the registrations selected there.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
