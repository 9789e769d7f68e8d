"""The outbox in the admin: django-post-office's list of emails, sending again through the queue.

django-post-office's own "Resend" button and "Requeue" action send from the admin's request or
leave the message to `send_queued_mail`; here both hand the message to a worker of the task
queue instead (`emails.resend`), which also starts its count of failed attempts again.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from post_office.admin import EmailAdmin
from post_office.models import Email

from .. import emails

admin.site.unregister(Email)


@admin.register(Email)
class OutboxAdmin(EmailAdmin):
    list_display = [*EmailAdmin.list_display, "number_of_retries"]
    actions = ["send_again"]

    @admin.action(
        description=gettext_lazy("Send the selected emails again"), permissions=["change"]
    )
    def send_again(self, request, queryset):
        count = emails.resend(queryset)
        self.message_user(
            request,
            ngettext(
                "%d email will be sent again in a moment.",
                "%d emails will be sent again in a moment.",
                count,
            )
            % count,
            messages.SUCCESS,
        )

    def resend(self, request, pk):
        """The change page's "Send again" button (a form: sending is not a link to follow)."""
        email = self.get_object(request, str(pk))
        if email is None:
            raise Http404
        if not self.has_change_permission(request, email):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        emails.resend([email])
        self.message_user(request, _("The email will be sent again in a moment."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:post_office_email_change", args=[email.pk]))
