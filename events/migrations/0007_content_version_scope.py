import secrets

from django.db import migrations, models


def keep_one_row(apps, schema_editor):
    # The unscoped token becomes the site's: at most one row may take the scope "site".
    versions = apps.get_model("events", "ContentVersion").objects
    first = versions.order_by("pk").first()
    if first is not None:
        versions.exclude(pk=first.pk).delete()


def add_site_row(apps, schema_editor):
    # Every page's version includes the site's token: a random one from the start makes the
    # versions of two databases differ even where nothing was ever changed.
    versions = apps.get_model("events", "ContentVersion").objects
    versions.get_or_create(scope="site", defaults={"token": secrets.token_hex(8)})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_session_edition_start"),
    ]

    operations = [
        migrations.RunPython(keep_one_row, migrations.RunPython.noop),
        migrations.AddField(
            model_name="contentversion",
            name="scope",
            field=models.CharField(
                default="site", max_length=100, unique=True, verbose_name="scope"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(add_site_row, migrations.RunPython.noop),
    ]
