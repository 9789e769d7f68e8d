"""A session's links and attachments get a title in each language (django-modeltranslation).

The title each link had is copied into the English field, the default language (what
modeltranslation's ``update_translation_fields`` does), in the links and in their history, so
that a past version restored from the history keeps its title. Going back, the English title
(else the Chinese) becomes the single title again.
"""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce, NullIf

MODELS = ("SessionLink", "HistoricalSessionLink")


def copy_title_to_english(apps, schema_editor):
    for name in MODELS:
        apps.get_model("events", name).objects.update(title_en=F("title"))


def copy_english_to_title(apps, schema_editor):
    for name in MODELS:
        apps.get_model("events", name).objects.update(
            title=Coalesce(
                NullIf("title_en", models.Value("")),
                NullIf("title_zh_hans", models.Value("")),
                "title",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_session_kinds_with_meals"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsessionlink",
            name="title_en",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalsessionlink",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="sessionlink",
            name="title_en",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="sessionlink",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True, verbose_name="title"),
        ),
        migrations.RunPython(copy_title_to_english, copy_english_to_title),
    ]
