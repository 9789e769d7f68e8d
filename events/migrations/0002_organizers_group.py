"""The "Organizers" group: what the people running the conference need in the admin, no more.

They add, change, delete and view everything in the conference app except the series itself,
which they may view and correct but not create or delete. Users and groups are not theirs.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Organizers"

EVERYTHING = ("add", "change", "delete", "view")
PERMISSIONS = {
    "series": ("change", "view"),
    "edition": EVERYTHING,
    "organization": EVERYTHING,
    "organizerrole": EVERYTHING,
    "topic": EVERYTHING,
    "room": EVERYTHING,
    "subforum": EVERYTHING,
    "session": EVERYTHING,
    "sessionspeaker": EVERYTHING,
    "speaker": EVERYTHING,
    "newsarticle": EVERYTHING,
    "page": EVERYTHING,
}


def create_organizers_group(apps, schema_editor):
    db = schema_editor.connection.alias
    # Permissions are normally created after `migrate` finishes; on a fresh database they
    # do not exist yet, so create them now (the historical app config lacks models_module).
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{act}_{model}" for model, actions in PERMISSIONS.items() for act in actions]
    permissions = list(
        Permission.objects.using(db).filter(
            content_type__app_label="events", codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for the Organizers group: {sorted(missing)}")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    # add, not set: other apps' migrations (attendees 0002) give this group their permissions too.
    group.permissions.add(*permissions)


def delete_organizers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_organizers_group, delete_organizers_group)]
