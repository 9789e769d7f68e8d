"""Registrations as spreadsheets (CSV, XLSX) for organizers, through django-import-export.

Columns carry the translated labels and display values a person reads in the admin, not the
stored codes. Passport data is a separate resource, offered only to staff who may read it.
"""

from django.db import models
from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm

from events.models import SubForum

from .models import Registration
from .models.registration_fields import Use, names

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection");
# attendees type names and organizations, so such text is exported with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


COLUMN_TITLES = {"id": _("Registration number")}


def _column(field) -> str:
    return COLUMN_TITLES.get(field.name) or capfirst(field.verbose_name)


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def _display(field):
    """How a cell shows the field: what a person reads in the admin, not the stored code."""
    name = field.name
    if field.many_to_many:
        # Sub-forums, in their order (prefetched by `filter_export`).
        return lambda registration: "; ".join(
            str(item) for item in getattr(registration, name).all()
        )
    if field.is_relation:
        return lambda registration: str(getattr(registration, name) or "")
    if isinstance(field, CountryField):
        return lambda registration: getattr(registration, name).name
    if field.choices:
        return lambda registration: getattr(registration, f"get_{name}_display")()
    if isinstance(field, models.BooleanField):
        return lambda registration: _yes_no(getattr(registration, name))
    return None


def _export_field(field) -> fields.Field:
    widget = None
    if isinstance(field, models.DateTimeField):
        widget = widgets.DateTimeWidget()
    elif isinstance(field, models.DateField):
        widget = widgets.DateWidget()
    return fields.Field(
        attribute=field.name,
        column_name=_column(field),
        widget=widget,
        dehydrate_method=_display(field),
    )


class RegistrationResource(resources.ModelResource):
    """The columns declared `Use.EXPORTED`, in reading order (`registration_fields`), without
    the passport data (`Use.PASSPORT`).

    A field added to the model later is not exported until it is declared so.
    """

    class Meta:
        model = Registration
        fields = names(Use.EXPORTED, without=Use.PASSPORT)
        export_order = fields
        # The whole selection in one go for an edition of a few hundred (two queries per chunk).
        chunk_size = 1000

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return _export_field(django_field)

    @classmethod
    def get_display_name(cls):
        return gettext("Registrations")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("edition").prefetch_related(
            Prefetch("sub_forums", queryset=SubForum.objects.order_by("order", "pk"))
        )

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value


class RegistrationWithPassportResource(RegistrationResource):
    """The same columns and the passport data, for staff with "Can view passport data"."""

    class Meta(RegistrationResource.Meta):
        fields = names(Use.EXPORTED)
        export_order = fields


class RegistrationExportForm(SelectableFieldsExportForm):
    """The export page, with each column's checkbox labelled as its spreadsheet header.

    The passport columns, offered only to staff with "Can view passport data", start unticked:
    a spreadsheet carries them only when its exporter asks for them, column by column.
    """

    def _get_field_label(self, resource, field_name):
        return resource.fields[field_name].column_name

    def _create_boolean_fields(self, resource, index):
        created = super()._create_boolean_fields(resource, index)
        for name in names(Use.PASSPORT):
            key = self.create_boolean_field_name(resource, name)
            if key in self.fields:
                self.fields[key].initial = False
        return created
