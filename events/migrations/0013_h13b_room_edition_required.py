"""A room's edition is required, now that every room has one (0010 gave them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_h13b_edition_rooms_speaker_identities"),
    ]

    operations = [
        migrations.AlterField(
            model_name="room",
            name="edition",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rooms",
                to="events.edition",
                verbose_name="edition",
            ),
        ),
    ]
