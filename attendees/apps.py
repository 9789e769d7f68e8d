from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendeesConfig(AppConfig):
    name = "attendees"
    verbose_name = _("Attendees")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .documents import program

        # The printable program is one of the files the worker builds ahead (events.edition_files).
        program.register()
