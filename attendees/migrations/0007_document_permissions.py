"""Who issues documents: the "Visa letters" group issues and revokes visa invitation letters
(it already reads passport data); "Organizers" print certificates of attendance and name
badges. Both see the record of issued documents."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Visa letters": ["issue_visa_letter", "view_issueddocument"],
    "Organizers": ["issue_certificate", "print_badges", "view_issueddocument"],
}


def _permissions(apps, db, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = list(
        Permission.objects.using(db).filter(
            content_type__app_label="attendees", codename__in=codenames
        )
    )
    missing = set(codenames) - {permission.codename for permission in found}
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
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*_permissions(apps, db, codenames))


def remove_permissions(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group = Group.objects.using(db).filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, db, codenames))


class Migration(migrations.Migration):
    dependencies = [("attendees", "0006_documents_and_roles")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
