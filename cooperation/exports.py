"""Cooperation items as spreadsheets (CSV, XLSX) for organizers, through django-import-export.

Columns carry the labels and display values a person reads in the admin. The contact person is
included: the export needs "Can export cooperation items", which only organizers have.
"""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from events.models import Topic

from .models import CooperationItem

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(attribute: str, label) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=capfirst(label))


def _display(name: str, label) -> fields.Field:
    return fields.Field(
        column_name=capfirst(label),
        dehydrate_method=lambda item: getattr(item, f"get_{name}_display")(),
    )


def _time(attribute: str, label) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=capfirst(label), widget=widgets.DateTimeWidget()
    )


class CooperationItemResource(resources.Resource):
    number = _text("pk", _("Item number"))
    edition = fields.Field(
        column_name=capfirst(_("edition")), dehydrate_method=lambda i: i.edition.year
    )
    kind = _display("kind", _("offer or need"))
    category = _display("category", _("type of cooperation"))
    title_en = _text("title_en", _("Title in English"))
    title_zh_hans = _text("title_zh_hans", _("Title in Chinese"))
    description_en = _text("description_en", _("Description in English"))
    description_zh_hans = _text("description_zh_hans", _("Description in Chinese"))
    topics = fields.Field(
        column_name=capfirst(_("focus fields")),
        dehydrate_method=lambda item: "; ".join(topic.title for topic in item.topics.all()),
    )
    keywords = _text("keywords", _("keywords"))
    organization_name = _text("organization_name", _("organization"))
    organization_type = _display("organization_type", _("type of organization"))
    country = fields.Field(
        column_name=capfirst(_("country or region")),
        dehydrate_method=lambda item: item.country.name,
    )
    contact_name = _text("contact_name", _("contact person"))
    contact_email = _text("contact_email", _("contact email"))
    contact_phone = _text("contact_phone", _("contact phone"))
    status = _display("status", _("status"))
    rejection_reason = _text("rejection_reason", _("reason for rejection"))
    published_by_attendee = fields.Field(
        column_name=capfirst(_("published by attendee")),
        dehydrate_method=lambda item: gettext("Yes") if item.owner_id else gettext("No"),
    )
    is_sample = fields.Field(
        column_name=capfirst(_("sample entry")),
        dehydrate_method=lambda item: gettext("Yes") if item.is_sample else gettext("No"),
    )
    created_at = _time("created_at", _("submitted at"))
    published_at = _time("published_at", _("published at"))

    class Meta:
        model = CooperationItem
        chunk_size = 1000

    @classmethod
    def get_display_name(cls):
        return gettext("Cooperation items")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("edition").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("order", "pk"))
        )

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value
