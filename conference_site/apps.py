from django.apps import AppConfig


class ConferenceSiteConfig(AppConfig):
    """What serves every app alike; installed so that its management commands are found."""

    name = "conference_site"
