"""Staff groups for registration: who checks people in, who reads passport data.

"Check-in desk" may only check attendees in (the /checkin/ page). "Visa letters" may read the
passport data of attendees who asked for a visa invitation letter. The existing "Organizers"
group (events 0002) gains registrations, registration settings, check-in and the outbox.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVERYTHING = ("add", "change", "delete", "view")
GROUPS = {
    "Check-in desk": [("attendees", "can_check_in")],
    "Visa letters": [("attendees", "view_registration"), ("attendees", "view_passport_data")],
}
ORGANIZERS = "Organizers"
ORGANIZER_PERMISSIONS = [
    *[("attendees", f"{action}_registration") for action in ("change", "delete", "view")],
    *[("attendees", f"{action}_registrationsettings") for action in EVERYTHING],
    ("attendees", "can_check_in"),
    ("post_office", "view_email"),
    ("post_office", "change_email"),
    ("post_office", "view_log"),
]


def _permissions(apps, db, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.using(db).filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise RuntimeError(f"Permission {app_label}.{codename} is missing.")
        found.append(permission)
    return found


def create_groups(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions are created only after `migrate`; create them now.
    for label in ("attendees", "post_office"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, pairs in GROUPS.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*_permissions(apps, db, pairs))
    organizers, _ = Group.objects.using(db).get_or_create(name=ORGANIZERS)
    organizers.permissions.add(*_permissions(apps, db, ORGANIZER_PERMISSIONS))


def remove_groups(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Group.objects.using(db).filter(name__in=list(GROUPS)).delete()
    organizers = Group.objects.using(db).filter(name=ORGANIZERS).first()
    if organizers is not None:
        organizers.permissions.remove(*_permissions(apps, db, ORGANIZER_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("attendees", "0001_initial"),
        # After the Organizers group exists, so that its creation does not reset what is added here.
        ("events", "0002_organizers_group"),
        ("post_office", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
