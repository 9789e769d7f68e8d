"""Rooms belong to an edition; speakers keep their identities in imported schedules.

A room that several editions used is split: the latest edition keeps the row (and the GUID its
published exports carry), each earlier one gets a copy under a GUID derived from it, and its
sessions and sub-forums move to the copy. A room no edition uses goes to the latest edition.
The next migration then makes the edition required.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def split_shared_rooms(apps, schema_editor):
    Edition = apps.get_model("events", "Edition")
    Room = apps.get_model("events", "Room")
    Session = apps.get_model("events", "Session")
    SubForum = apps.get_model("events", "SubForum")
    latest = Edition.objects.order_by("-year").first()
    copied = [f.name for f in Room._meta.concrete_fields if f.name not in ("id", "guid", "edition")]
    for room in Room.objects.order_by("pk"):
        used_by = set(Session.objects.filter(room=room).values_list("edition_id", flat=True))
        used_by |= set(SubForum.objects.filter(room=room).values_list("edition_id", flat=True))
        editions = list(Edition.objects.filter(pk__in=used_by).order_by("-year"))
        if not editions:
            if latest is None:
                room.delete()
                continue
            editions = [latest]
        room.edition = editions[0]
        room.save(update_fields=["edition"])
        for edition in editions[1:]:
            copy = Room.objects.create(
                edition=edition,
                guid=uuid.uuid5(room.guid, f"edition:{edition.year}"),
                **{name: getattr(room, name) for name in copied},
            )
            Session.objects.filter(room=room, edition=edition).update(room=copy)
            SubForum.objects.filter(room=room, edition=edition).update(room=copy)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_h14a_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalroom",
            name="edition",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="events.edition",
                verbose_name="edition",
            ),
        ),
        migrations.AddField(
            model_name="room",
            name="edition",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rooms",
                to="events.edition",
                verbose_name="edition",
            ),
        ),
        migrations.CreateModel(
            name="SpeakerIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        help_text="The conference the schedule comes from: its acronym as the file gives it (shown in the import's preview).",
                        max_length=200,
                        verbose_name="source",
                    ),
                ),
                (
                    "external_id",
                    models.CharField(
                        help_text="“id:” and the file's person id, or “name:” and the name of a person the file gives no id (shown in the import's preview).",
                        max_length=250,
                        verbose_name="identity in the source",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identities",
                        to="events.speaker",
                        verbose_name="speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "identity in an imported schedule",
                "verbose_name_plural": "identities in imported schedules",
                "ordering": ["source", "external_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("source", "external_id"), name="unique_speaker_identity"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="scheduleimport",
            name="time_zone_choice",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Refuse the file, saying so"),
                    (
                        "convert",
                        "Keep the file's times (read in its time zone) and show them on the "
                        "edition's clock",
                    ),
                    ("adopt", "Change the edition's time zone to the file's"),
                ],
                default="",
                max_length=10,
                verbose_name="time zone of the file",
            ),
        ),
        migrations.RunPython(split_shared_rooms, migrations.RunPython.noop),
    ]
