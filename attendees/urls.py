from django.urls import path

from .views import checkin, personal, registration

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
]
