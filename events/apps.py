from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conference")

    def ready(self):
        from . import versions
        from .exports import whole_edition

        versions.connect_signals()
        whole_edition.register()
