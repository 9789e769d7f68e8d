from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation board")

    def ready(self):
        from . import api, meeting_receivers, receivers  # noqa: F401  (connect the receivers)

        # The board's items in the public API (/api/cooperation/).
        api.register()
