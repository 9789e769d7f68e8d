"""Meeting requests as spreadsheets (CSV, XLSX) for organizers, through django-import-export."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from .exports import FORMULA_STARTS
from .models import MeetingBooking, MeetingRequest


def _booking(meeting_request) -> MeetingBooking | None:
    try:
        return meeting_request.booking
    except MeetingBooking.DoesNotExist:
        return None


def _booked(attribute):
    def value(meeting_request):
        booking = _booking(meeting_request)
        return "" if booking is None else attribute(booking)

    return value


class MeetingRequestResource(resources.Resource):
    number = fields.Field(attribute="pk", column_name=_("Request number"))
    edition = fields.Field(column_name=_("edition"), dehydrate_method=lambda r: r.item.edition.year)
    item = fields.Field(column_name=_("cooperation item"), dehydrate_method=lambda r: r.item.title)
    requester = fields.Field(column_name=_("requested by"), attribute="requester__name")
    requester_organization = fields.Field(
        column_name=_("organization of the requester"), attribute="requester__organization"
    )
    owner_organization = fields.Field(
        column_name=_("organization of the item"), attribute="item__organization_name"
    )
    status = fields.Field(
        column_name=_("status"), dehydrate_method=lambda r: r.get_status_display()
    )
    created_at = fields.Field(
        attribute="created_at", column_name=_("sent at"), widget=widgets.DateTimeWidget()
    )
    answered_at = fields.Field(
        attribute="answered_at", column_name=_("answered at"), widget=widgets.DateTimeWidget()
    )
    slot_start = fields.Field(
        column_name=_("meeting starts at"),
        dehydrate_method=_booked(lambda booking: booking.slot_start.isoformat()),
    )
    place = fields.Field(
        column_name=_("place"),
        dehydrate_method=_booked(
            lambda booking: gettext("online") if booking.is_online else booking.table
        ),
    )
    held_at = fields.Field(
        column_name=_("held at"),
        dehydrate_method=_booked(
            lambda booking: booking.held_at.isoformat() if booking.held_at else ""
        ),
    )

    class Meta:
        model = MeetingRequest
        chunk_size = 1000

    @classmethod
    def get_display_name(cls):
        return gettext("Meeting requests")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("item__edition", "requester", "booking")

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value
