"""The check-in desk: staff scan or type a ticket code and see who arrived."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_permissions_policy.decorators import permissions_policy_override

from events.models import SubForum

from .. import services, tickets
from ..forms import CheckInForm
from ..models import Registration


def _ticket_holder(code: str) -> Registration | None:
    return (
        Registration.objects.select_related("edition", "checked_in_by")
        .prefetch_related(
            Prefetch(
                "sub_forums",
                queryset=SubForum.objects.order_by("order", "pk"),
                to_attr="ordered_sub_forums",
            )
        )
        .filter(ticket_code=code)
        .first()
    )


def _outcome(code_text: str, *, staff) -> dict:
    """What the desk sees after one scan: "ok", "repeat" (with the first time) or "refused"."""
    try:
        registration = _ticket_holder(tickets.code_from_scan(code_text))
    except tickets.UnknownTicket:
        registration = None
    if registration is None:
        return {"kind": "refused", "message": _("No ticket has this code.")}
    edition = registration.edition
    outcome = {"registration": registration, "edition": edition}
    try:
        result = services.check_in(registration=registration, by=staff)
    except services.RegistrationError as error:
        return {**outcome, "kind": "refused", "message": error.message}
    if result.is_repeat:
        outcome["kind"] = "repeat"
        outcome["first_time"] = timezone.localtime(result.first_checked_in_at, edition.tzinfo)
        outcome["first_by"] = result.registration.checked_in_by
    else:
        outcome["kind"] = "ok"
    return outcome


# The camera scans tickets here (static/js/checkin.js); every other page keeps it off.
@permissions_policy_override({**settings.PERMISSIONS_POLICY, "camera": "self"})
@login_required
@permission_required("attendees.can_check_in", raise_exception=True)
def check_in(request):
    form = CheckInForm(request.POST or None)
    outcome = None
    if form.is_valid():
        outcome = _outcome(form.cleaned_data["code"], staff=request.user)
        form = CheckInForm()  # empty and focused again, ready for the next attendee
    return render(request, "attendees/check_in.html", {"form": form, "outcome": outcome})
