from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conference")

    def ready(self):
        from . import page_cache
        from .exports import whole_edition

        page_cache.connect_signals()
        whole_edition.register()
