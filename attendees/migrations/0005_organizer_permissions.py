"""The "Organizers" group (events 0002) may also export registrations, see the registration
statistics, and email a selection of registrations and follow those mailings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANIZERS = "Organizers"
PERMISSIONS = [
    "export_registration",
    "view_statistics",
    "add_bulkemail",
    "view_bulkemail",
]


def _permissions(apps, db):
    Permission = apps.get_model("auth", "Permission")
    found = list(
        Permission.objects.using(db).filter(
            content_type__app_label="attendees", codename__in=PERMISSIONS
        )
    )
    missing = set(PERMISSIONS) - {permission.codename for permission in found}
    if missing:
        raise RuntimeError(f"Permissions missing: {', '.join(sorted(missing))}.")
    return found


def add_permissions(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions are created only after `migrate`; create them now.
    app_config = apps.get_app_config("attendees")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    organizers, _ = Group.objects.using(db).get_or_create(name=ORGANIZERS)
    organizers.permissions.add(*_permissions(apps, db))


def remove_permissions(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    organizers = Group.objects.using(db).filter(name=ORGANIZERS).first()
    if organizers is not None:
        organizers.permissions.remove(*_permissions(apps, db))


class Migration(migrations.Migration):
    # After 0002, which creates the group's other registration permissions.
    dependencies = [("attendees", "0004_bulk_email_export_statistics")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
