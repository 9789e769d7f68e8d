from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conference")

    def ready(self):
        from . import versions
        from .exports import whole_edition

        versions.connect_signals()
        whole_edition.register()
        connection_created.connect(_add_search_fold, dispatch_uid="events_search_fold")


def _add_search_fold(sender, connection, **kwargs):
    """Give SQLite the search's folding function, which PostgreSQL gets from a migration."""
    if connection.vendor == "sqlite":
        from .search import FOLD_FUNCTION, fold

        connection.connection.create_function(
            FOLD_FUNCTION, 1, _fold_or_null(fold), deterministic=True
        )


def _fold_or_null(fold):
    return lambda text: None if text is None else fold(text)
