from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation board")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
