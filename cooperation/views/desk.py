"""The check-in desk's list of the day's meetings, where a meeting is marked as held."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Edition

from .. import services
from ..models import MeetingBooking, MeetingSession

PERMISSION = "cooperation.mark_meeting_held"


def _meeting_days(edition: Edition) -> list[datetime.date]:
    tz = edition.tzinfo
    starts = MeetingSession.objects.filter(edition=edition).values_list("starts_at", flat=True)
    return sorted({start.astimezone(tz).date() for start in starts})


def _chosen_day(request, days: list[datetime.date], edition: Edition) -> datetime.date | None:
    try:
        asked = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        asked = None
    if asked in days:
        return asked
    today = timezone.localdate(timezone=edition.tzinfo)
    return today if today in days else (days[0] if days else None)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def meetings(request, year):
    edition = get_object_or_404(Edition, year=year)
    days = _meeting_days(edition)
    day = _chosen_day(request, days, edition)
    bookings = []
    if day is not None:
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=edition.tzinfo)
        bookings = list(
            MeetingBooking.objects.filter(
                session__edition=edition,
                slot_start__gte=start,
                slot_start__lt=start + datetime.timedelta(days=1),
            )
            .select_related("session", "held_by", "request__item__owner", "request__requester")
            .order_by("slot_start", "is_online", "table")
        )
    context = {"edition": edition, "days": days, "day": day, "bookings": bookings}
    return render(request, "cooperation/meetings/desk.html", context)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def mark_held(request, year, pk):
    booking = get_object_or_404(MeetingBooking, pk=pk, session__edition__year=year)
    try:
        booking = services.mark_held(booking=booking, user=request.user)
    except services.CooperationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The meeting is marked as held."))
    day = timezone.localtime(booking.slot_start, booking.session.edition.tzinfo).date()
    return redirect(f"{reverse('cooperation:desk', kwargs={'year': year})}?day={day.isoformat()}")
