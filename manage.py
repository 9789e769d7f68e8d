#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference_site.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # A missing or malformed setting is explained in one line, not a traceback.
    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading a setting loads them all)
    except ImproperlyConfigured as error:
        sys.exit(
            f"manage.py: {error} For development, `make run` writes a .env with DEBUG=on "
            "(or set DEBUG=on); in production, set it in the environment (docs/deployment.md)."
        )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
