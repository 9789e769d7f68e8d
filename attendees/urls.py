from django.urls import path

from .views import checkin, documents, personal, registration

app_name = "attendees"

personal_prefix = "<int:year>/registration/<str:token>/"

urlpatterns = [
    path("checkin/", checkin.check_in, name="check_in"),
    path("<int:year>/register/", registration.register, name="register"),
    path("<int:year>/register/check-your-email/", registration.check_email, name="check_email"),
    path("<int:year>/confirm/<str:token>/", registration.confirm, name="confirm"),
    path(personal_prefix, personal.manage, name="manage"),
    path(f"{personal_prefix}details/", personal.update_details, name="update_details"),
    path(f"{personal_prefix}mode/", personal.switch_mode, name="switch_mode"),
    path(f"{personal_prefix}sub-forums/", personal.change_sub_forums, name="change_sub_forums"),
    path(f"{personal_prefix}cancel/", personal.cancel, name="cancel"),
    path(f"{personal_prefix}delete/", personal.delete, name="delete"),
    path(f"{personal_prefix}data.json", personal.download_data, name="download_data"),
    path(f"{personal_prefix}ticket.png", personal.ticket_png, name="ticket_png"),
    path(f"{personal_prefix}join/<slug:kind>/<int:pk>/", personal.join, name="join"),
    path(
        f"{personal_prefix}visa-letter-<str:language>.pdf",
        documents.visa_letter_pdf,
        name="visa_letter_pdf",
    ),
    path(
        f"{personal_prefix}certificate-<str:language>.pdf",
        documents.certificate_pdf,
        name="certificate_pdf",
    ),
    # Served from storage, where the worker puts it (events/edition_files.py): not copied into
    # the page cache too.
    path("<int:year>/program.pdf", documents.program_pdf, name="program_pdf"),
    path("verify/", documents.verify_form, name="verify_form"),
    path("verify/<str:serial>/", documents.verify, name="verify"),
]
