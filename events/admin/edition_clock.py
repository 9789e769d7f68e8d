"""Admin forms on their edition's clock, with one hint naming its zone, and its own year.

Program and registration times are typed and shown in the edition's time zone, whatever the
server's. Django's calendar script would add "You are N hours behind server time" under each
date and time field, which contradicts that; static/css/admin.css hides it, and the forms say
once which zone their times are in.
"""

import zoneinfo
from contextlib import nullcontext

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Edition


def zone_hint(edition: Edition | None):
    if edition is None:
        return _("Times are in the edition's time zone.")
    return _("Times are in the edition's time zone, %(zone)s.") % {"zone": edition.time_zone}


def on_clock_of(edition: Edition | None):
    """A context in which form times are read and written on ``edition``'s clock."""
    return timezone.override(edition.tzinfo) if edition else nullcontext()


def render_on_clock_of(edition, view, *args, **kwargs):
    """Run an admin view and render its page on ``edition``'s clock (rendering reads times)."""
    with on_clock_of(edition):
        response = view(*args, **kwargs)
        if hasattr(response, "render"):
            response.render()
    return response


def edition_by_id(value) -> Edition | None:
    if not str(value or "").isdigit():
        return None
    return Edition.objects.filter(pk=value).first()


class EditionFormClockMixin:
    """The edition's own form: registration times on its clock, help texts with its year.

    A new edition's clock is the zone chosen in the form once posted, else the server's.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        edition = edition_by_id(object_id)
        posted_zone = request.POST.get("time_zone", "")
        if posted_zone in zoneinfo.available_timezones():
            edition = Edition(time_zone=posted_zone, year=edition.year if edition else None)
        return render_on_clock_of(
            edition, super().changeform_view, request, object_id, form_url, extra_context
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        fields = form.base_fields
        if "year" in fields:
            fields["year"].help_text = (
                _("Also the edition's address: /%(year)s/.") % {"year": obj.year}
                if obj
                else _("Also the edition's address, for example /%(year)s/.")
                % {"year": timezone.localdate().year + 1}
            )
        for name in ("registration_opens", "registration_closes"):
            if name in fields:
                fields[name].help_text = (
                    zone_hint(obj) if obj else _("Times are in the time zone chosen above.")
                )
        return form
