"""Make sure the organizers' admin account exists, and say how to log in with it."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

ORGANIZERS_GROUP = "Organizers"  # created by events/migrations/0002_organizers_group.py


class Command(BaseCommand):
    help = (
        "Create the organizer account if it does not exist (staff, superuser, in the Organizers "
        "group). Username, email and password come from DJANGO_SUPERUSER_USERNAME, "
        "DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD; without a password a random one "
        "is printed once. Safe to run again: an existing password is kept unless "
        "DJANGO_SUPERUSER_PASSWORD is set."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "organizer"
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL") or "organizer@localhost"
        password_from_env = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or None

        try:
            group = Group.objects.get(name=ORGANIZERS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {ORGANIZERS_GROUP!r} group does not exist; run `manage.py migrate` first."
            ) from None

        User = get_user_model()
        with transaction.atomic():
            user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
            created = user is None
            if created:
                password = password_from_env or secrets.token_urlsafe(16)
                user = User._default_manager.create_superuser(
                    **{User.USERNAME_FIELD: username}, email=email, password=password
                )
            else:
                user.is_staff = True
                user.is_superuser = True
                if password_from_env:
                    user.set_password(password_from_env)
                user.save()
            user.groups.add(group)

        if created and not password_from_env:
            password_line = f"Password: {password}"
            notes = ["Write the password down now: it is not shown again."]
        elif password_from_env:
            password_line = "Password: the one in DJANGO_SUPERUSER_PASSWORD"
            notes = []
        else:
            password_line = "Password: unchanged (printed when the account was created)"
            notes = ["To set a new one: DJANGO_SUPERUSER_PASSWORD=... manage.py ensure_organizer"]
        if not user.is_active:
            notes.append("Warning: this account is deactivated and cannot log in.")

        title = "Organizer account created" if created else "Organizer account ready"
        admin_url = settings.SITE_URL.rstrip("/") + reverse("admin:index")
        self.stdout.write(
            box(
                [
                    title,
                    "",
                    f"Admin:    {admin_url}",
                    f"Username: {username}",
                    password_line,
                    *([""] + notes if notes else []),
                ]
            )
        )


def box(lines: list[str]) -> str:
    """``lines`` framed, so the login details stand out in the `make run` output."""
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 2) + "+"
    return "\n".join([rule, *(f"| {line.ljust(width)} |" for line in lines), rule])
