"""Rooms as the admin offers them for choice: with their edition's year, "Room 101 (2022)".

Each edition has its own rooms, and the rooms of two years often share a name: a choice that
only said "Room 101" could not tell them apart. ``Room.__str__`` does not name the year (it
would read the edition once per room, and pages name a room without it), so the admin's choices
(the autocomplete's answers, the selected room in a form, the changelist's room filter) read the
rooms with their editions and label them here.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext

from events.models import Room


def room_choice_label(room: Room) -> str:
    """``Room 101 (2022)``, ``Room 101 (Main building, 2022)``; ``room`` with its edition."""
    values = {"room": room.name, "building": room.building, "year": room.edition.year}
    if room.building:
        return gettext("%(room)s (%(building)s, %(year)s)") % values
    return gettext("%(room)s (%(year)s)") % values


ORDER = ("-edition__year", "building", "name", "pk")  # the newest edition's rooms first


def rooms_for_choice():
    """Rooms with their editions, in the order choices list them."""
    return Room.objects.select_related("edition").order_by(*ORDER)


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return room_choice_label(obj)


class RoomAutocompleteSelect(AutocompleteSelect):
    """Asks the room admin's own autocomplete (`RoomAutocompleteView`) for its answers."""

    url_name = "%s:events_room_autocomplete"


class RoomAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, answering with rooms labelled by their edition's year."""

    def get_queryset(self):
        return super().get_queryset().select_related("edition").order_by(*ORDER)

    def serialize_result(self, obj, to_field_name):
        return super().serialize_result(obj, to_field_name) | {"text": room_choice_label(obj)}


class RoomChoicesMixin:
    """Mix into a ModelAdmin or inline with a foreign key to a room: its choices name the
    edition's year."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Room:
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = RoomAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                )
            kwargs.setdefault("queryset", rooms_for_choice())
            kwargs.setdefault("form_class", RoomChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoomListFilter(admin.RelatedOnlyFieldListFilter):
    """The changelist's filter by room: the rooms in use, named with their edition's year."""

    def field_choices(self, field, request, model_admin):
        in_use = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        return [
            (room.pk, room_choice_label(room)) for room in rooms_for_choice().filter(pk__in=in_use)
        ]
