from django.apps import AppConfig


class ConferenceSiteConfig(AppConfig):
    """What serves every app alike; installed so that its management commands are found."""

    name = "conference_site"

    def ready(self):
        # Registers the site's system checks (manage.py check --deploy).
        from . import checks  # noqa: F401
