"""Documents in the admin: issuing visa letters, certificates in bulk and name badges from the
registrations list, and the record of every issued document, where they are revoked.

Who may do what:
- issue or revoke visa letters, download one: "Can issue and revoke visa invitation letters"
  and "Can view passport data" (the letter prints them);
- print certificates of attendance in bulk, revoke one: "Can issue and revoke certificates";
- print name badges: "Can print name badges".
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import services
from ..documents import badges, certificates, letters, serials
from ..documents.offers import languages_for
from ..models import DocumentKind, IssuedDocument
from ..views.documents import pdf_response


def may_handle_letters(user) -> bool:
    return user.has_perms(["attendees.issue_visa_letter", "attendees.view_passport_data"])


def may_handle(user, document: IssuedDocument) -> bool:
    if document.is_visa_letter:
        return may_handle_letters(user)
    return user.has_perm("attendees.issue_certificate")


class DocumentActions:
    """The registrations list's actions that issue or print documents (a ModelAdmin mixin)."""

    def has_issue_visa_letter_permission(self, request) -> bool:
        return may_handle_letters(request.user)

    def has_issue_certificate_permission(self, request) -> bool:
        return request.user.has_perm("attendees.issue_certificate")

    def has_print_badges_permission(self, request) -> bool:
        return request.user.has_perm("attendees.print_badges")

    @admin.action(
        description=gettext_lazy("Issue the visa invitation letters asked for"),
        permissions=["issue_visa_letter"],
    )
    def issue_visa_letters(self, request, queryset):
        self._apply(
            request,
            queryset.filter(needs_visa_letter=True),
            lambda r: services.issue_visa_letter(registration=r, by=request.user),
            lambda n: (
                ngettext(
                    "%d visa invitation letter issued; the attendee is emailed.",
                    "%d visa invitation letters issued; the attendees are emailed.",
                    n,
                )
                % n
            ),
        )

    @admin.action(
        description=gettext_lazy("Print certificates of attendance (one PDF)"),
        permissions=["issue_certificate"],
    )
    def print_certificates(self, request, queryset):
        issued = []
        for registration in queryset.select_related("edition", "edition__host").order_by("name"):
            try:
                document = services.issue_certificate(registration=registration, by=request.user)
            except services.RegistrationError as error:
                self.message_user(
                    request, f"{registration.name}: {error.message}", messages.WARNING
                )
            else:
                document.registration, document.edition = registration, registration.edition
                issued.append((document, registration.language))
        if not issued:
            self.message_user(request, _("None of the selected attendees gets a certificate."))
            return None
        return pdf_response(
            certificates.render_certificates(issued),
            f"certificates-{timezone.localdate().isoformat()}.pdf",
        )

    @admin.action(
        description=gettext_lazy("Print name badges (one PDF)"), permissions=["print_badges"]
    )
    def print_badges(self, request, queryset):
        """Badges for those with a ticket (a confirmed on-site place), alphabetically."""
        holders = [
            r for r in queryset.select_related("edition__host").order_by("name") if r.has_ticket
        ]
        left_out = queryset.count() - len(holders)
        if left_out:
            self.message_user(
                request,
                ngettext(
                    "%d registration has no badge: it has no confirmed on-site place.",
                    "%d registrations have no badge: they have no confirmed on-site place.",
                    left_out,
                )
                % left_out,
                messages.WARNING,
            )
        if not holders:
            return None
        return pdf_response(
            badges.render_badges(holders), f"badges-{timezone.localdate().isoformat()}.pdf"
        )


def download_links(document: IssuedDocument, user) -> str:
    if document.is_revoked or document.registration_id is None or not may_handle(user, document):
        return "—"
    links = [
        {
            "url": reverse("admin:attendees_issueddocument_pdf", args=[document.pk, code]),
            "name": name,
        }
        for code, name in languages_for(document.registration)
    ]
    return render_to_string("admin/attendees/partials/document_downloads.html", {"links": links})


def pdf_column(request):
    """A read-only column of download links for what ``request.user`` may download.

    Made once per request and kept on it: a ModelAdmin is shared by every request, so it
    cannot keep the user, and the admin compares the column of ``fields`` with the one of
    ``readonly_fields``.
    """
    if not hasattr(request, "_documents_pdf_column"):

        @admin.display(description=gettext_lazy("PDF"))
        def pdf(obj):
            return download_links(obj, request.user)

        request._documents_pdf_column = pdf
    return request._documents_pdf_column


class IssuedDocumentInline(admin.TabularInline):
    """The documents of a registration, on its page (read-only; revoke them from their list)."""

    model = IssuedDocument
    fields = ["kind", "serial_link", "issued_at", "issued_by", "revoked_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def get_fields(self, request, obj=None):
        return [*self.fields, pdf_column(request)]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("serial number"))
    def serial_link(self, obj):
        return render_to_string(
            "admin/attendees/partials/serial_link.html",
            {"url": obj.get_absolute_url(), "serial": obj.display_serial},
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration", "issued_by")


class RevokedFilter(admin.SimpleListFilter):
    title = gettext_lazy("revoked")
    parameter_name = "revoked"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(revoked_at__isnull=self.value() == "no")
        return queryset


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy("Kept in the record; the verification page shows only the date."),
    )


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """The record of issued documents: read-only, except that documents can be revoked."""

    list_display = [
        "__str__",
        "kind",
        "edition",
        "holder",
        "issued_at",
        "issued_by",
        "is_valid",
    ]
    list_filter = ["kind", "edition", RevokedFilter]
    list_select_related = ["edition", "registration", "issued_by"]
    search_fields = ["serial", "registration__name", "registration__email"]
    date_hierarchy = "issued_at"
    actions = ["revoke"]
    fields = [
        "kind",
        "serial",
        "edition",
        "registration",
        "holder_initials",
        "language",
        "issued_at",
        "issued_by",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    ]
    readonly_fields = fields

    def get_list_display(self, request):
        return [*self.list_display, pdf_column(request)]

    def get_search_results(self, request, queryset, search_term):
        # A serial is printed grouped with dashes: find it however it is typed.
        term = serials.normalize(search_term) or search_term
        return super().get_search_results(request, queryset, term)

    @admin.display(description=gettext_lazy("holder"), ordering="registration__name")
    def holder(self, obj):
        return obj.registration.name if obj.registration else obj.holder_initials or "—"

    @admin.display(description=gettext_lazy("valid"), boolean=True, ordering="revoked_at")
    def is_valid(self, obj):
        return not obj.is_revoked

    def has_add_permission(self, request):
        return False  # issued from the registrations list

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record is what verification reads

    def has_revoke_permission(self, request) -> bool:
        return may_handle_letters(request.user) or request.user.has_perm(
            "attendees.issue_certificate"
        )

    def get_urls(self):
        pdf = path(
            "<int:pk>/pdf/<str:language>/",
            self.admin_site.admin_view(self.pdf_view),
            name="attendees_issueddocument_pdf",
        )
        return [pdf, *super().get_urls()]

    def pdf_view(self, request, pk, language):
        document = get_object_or_404(
            IssuedDocument.objects.select_related("registration__edition__host"),
            pk=pk,
            revoked_at__isnull=True,
            registration__isnull=False,
        )
        if not may_handle(request.user, document):
            raise PermissionDenied
        if language not in dict(languages_for(document.registration)):
            raise Http404
        if document.kind == DocumentKind.VISA_LETTER:
            content = letters.render_visa_letter(document, language)
        else:
            content = certificates.render_certificate(document, language)
        return pdf_response(content, f"{document.kind}-{document.serial}-{language}.pdf")

    @admin.action(description=gettext_lazy("Revoke the selected documents"), permissions=["revoke"])
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if request.POST.get("post") else None)
        if form.is_valid():
            revoked, refused = 0, 0
            for document in queryset:
                if not may_handle(request.user, document):
                    refused += 1
                elif services.revoke_document(
                    document=document, by=request.user, reason=form.cleaned_data["reason"]
                ):
                    revoked += 1
            if revoked:
                self.message_user(
                    request,
                    ngettext("%d document revoked.", "%d documents revoked.", revoked) % revoked,
                    messages.SUCCESS,
                )
            if refused:
                self.message_user(
                    request,
                    ngettext(
                        "%d document not revoked: you may not revoke documents of its kind.",
                        "%d documents not revoked: you may not revoke documents of their kind.",
                        refused,
                    )
                    % refused,
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke the selected documents"),
            "opts": self.model._meta,
            "form": form,
            "documents": queryset.select_related("registration", "edition"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/attendees/issueddocument/revoke.html", context)
