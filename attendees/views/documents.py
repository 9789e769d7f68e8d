"""The PDFs: an attendee's visa letter and certificate (behind their signed personal link), the
public printable program, and the public page that verifies a document's serial number."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import queries
from events.views.edition_files import edition_file

from .. import ratelimits, services
from ..documents import certificates, letters, serials
from ..models import DocumentKind, IssuedDocument, group_serial
from .personal import personal_page


def pdf_response(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _check_language(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise Http404


@personal_page
def visa_letter_pdf(request, registration, *, token, language):
    _check_language(language)
    letter = services.valid_document(registration, DocumentKind.VISA_LETTER)
    if letter is None:
        messages.error(request, _("Your visa invitation letter has not been issued."))
        return redirect("attendees:manage", year=registration.edition.year, token=token)
    filename = f"visa-invitation-letter-{registration.edition.year}-{language}.pdf"
    return pdf_response(letters.render_visa_letter(letter, language), filename)


@personal_page
def certificate_pdf(request, registration, *, token, language):
    _check_language(language)
    try:
        certificate = services.issue_certificate(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect("attendees:manage", year=registration.edition.year, token=token)
    filename = f"certificate-of-attendance-{registration.edition.year}-{language}.pdf"
    return pdf_response(certificates.render_certificate(certificate, language), filename)


def program_pdf(request, year):
    """Built ahead by the worker and served as stored (``attendees.documents.program.draw``)."""
    return edition_file(request, queries.published_edition(year), "program.pdf")


@never_cache
@ratelimits.limit_verification
def verify(request, serial):
    """Whether a serial number belongs to a genuine document: kind, conference, the holder's
    initials and the date of issue, or when it was revoked; nothing else."""
    normalized = serials.normalize(serial)
    document = None
    if normalized:
        document = (
            IssuedDocument.objects.select_related("edition").filter(serial=normalized).first()
        )
    if document is None:
        return render(request, "attendees/verify.html", {"serial": serial}, status=404)
    if serial != document.display_serial:
        return redirect(document)
    return render(request, "attendees/verify.html", {"document": document, "serial": serial})


def verify_form(request):
    """Type the serial number printed on a document."""
    serial = request.GET.get("serial", "").strip()
    if serial:
        normalized = serials.normalize(serial)
        if normalized:
            return redirect("attendees:verify", serial=group_serial(normalized))
    context = {"serial": serial, "invalid": bool(serial)}
    return render(request, "attendees/verify_form.html", context, status=400 if serial else 200)
