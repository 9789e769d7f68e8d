"""Registrations as spreadsheets (CSV, XLSX) for organizers, through django-import-export.

Columns carry the translated labels and display values a person reads in the admin, not the
stored codes. Passport data is a separate resource, offered only to staff who may read it.
"""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm

from events.models import SubForum

from .models import Registration

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection");
# attendees type names and organizations, so such text is exported with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _column(name: str):
    return capfirst(Registration._meta.get_field(name).verbose_name)


def _field(name: str, widget=None) -> fields.Field:
    return fields.Field(attribute=name, column_name=_column(name), widget=widget)


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


class RegistrationResource(resources.ModelResource):
    id = fields.Field(attribute="pk", column_name=_("Registration number"))
    edition = fields.Field(column_name=_column("edition"))
    name = _field("name")
    name_original = _field("name_original")
    email = _field("email")
    organization = _field("organization")
    organization_type = fields.Field(column_name=_column("organization_type"))
    position = _field("position")
    country = fields.Field(column_name=_column("country"))
    category = fields.Field(column_name=_column("category"))
    role = fields.Field(column_name=_column("role"))
    mode = fields.Field(column_name=_column("mode"))
    sub_forums = fields.Field(column_name=_column("sub_forums"))
    status = fields.Field(column_name=_column("status"))
    language = fields.Field(column_name=_column("language"))
    needs_visa_letter = fields.Field(column_name=_column("needs_visa_letter"))
    dietary_needs = _field("dietary_needs")
    accessibility_needs = _field("accessibility_needs")
    public_listing_consent = fields.Field(column_name=_column("public_listing_consent"))
    ticket_code = _field("ticket_code")
    created_at = _field("created_at", widgets.DateTimeWidget())
    email_confirmed_at = _field("email_confirmed_at", widgets.DateTimeWidget())
    confirmed_at = _field("confirmed_at", widgets.DateTimeWidget())
    checked_in_at = _field("checked_in_at", widgets.DateTimeWidget())

    class Meta:
        model = Registration
        # Only the columns declared here: a field added to the model later is not exported
        # until someone decides it should be.
        fields = (
            "id",
            "edition",
            "name",
            "name_original",
            "email",
            "organization",
            "organization_type",
            "position",
            "country",
            "category",
            "role",
            "mode",
            "sub_forums",
            "status",
            "language",
            "needs_visa_letter",
            "dietary_needs",
            "accessibility_needs",
            "public_listing_consent",
            "ticket_code",
            "created_at",
            "email_confirmed_at",
            "confirmed_at",
            "checked_in_at",
        )
        export_order = fields
        # The whole selection in one go for an edition of a few hundred (two queries per chunk).
        chunk_size = 1000

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

    def dehydrate_edition(self, registration):
        return str(registration.edition)

    def dehydrate_organization_type(self, registration):
        return registration.get_organization_type_display()

    def dehydrate_country(self, registration):
        return registration.country.name

    def dehydrate_category(self, registration):
        return registration.get_category_display()

    def dehydrate_role(self, registration):
        return registration.get_role_display()

    def dehydrate_mode(self, registration):
        return registration.get_mode_display()

    def dehydrate_sub_forums(self, registration):
        return "; ".join(sub_forum.title for sub_forum in registration.sub_forums.all())

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_language(self, registration):
        return registration.get_language_display()

    def dehydrate_needs_visa_letter(self, registration):
        return _yes_no(registration.needs_visa_letter)

    def dehydrate_public_listing_consent(self, registration):
        return _yes_no(registration.public_listing_consent)


_AFTER_VISA_LETTER = RegistrationResource.Meta.fields.index("needs_visa_letter") + 1


class RegistrationWithPassportResource(RegistrationResource):
    """The same columns and the passport data, for staff with "Can view passport data"."""

    nationality = fields.Field(column_name=_column("nationality"))
    passport_number = _field("passport_number")
    date_of_birth = _field("date_of_birth", widgets.DateWidget())

    class Meta(RegistrationResource.Meta):
        fields = (
            *RegistrationResource.Meta.fields[:_AFTER_VISA_LETTER],
            "nationality",
            "passport_number",
            "date_of_birth",
            *RegistrationResource.Meta.fields[_AFTER_VISA_LETTER:],
        )
        export_order = fields

    def dehydrate_nationality(self, registration):
        return registration.nationality.name


class RegistrationExportForm(SelectableFieldsExportForm):
    """The export page, with each column's checkbox labelled as its spreadsheet header."""

    def _get_field_label(self, resource, field_name):
        return resource.fields[field_name].column_name
