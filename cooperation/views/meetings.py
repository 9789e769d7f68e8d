"""Meetings from the attendee's side: ask about an item, answer, cancel, and the calendar.

The attendee is known by their signed personal link: on its pages directly, and on an item's
"ask for a meeting" page through the browser session that opening the link started
(`attendees.links.remembered_registration`).
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from attendees import links
from attendees.views.personal import personal_page

from .. import services
from ..meeting_forms import MeetingRequestForm
from ..meetings_ical import meetings_calendar
from ..models import CooperationItem, ItemStatus, MeetingRequest

MEETING_REQUEST_LIMIT = "cooperation.meeting_request"


def _configured_rate(group, request):
    return settings.RATE_LIMITS.get(group)


def _requester_key(group, request):
    """Per attendee, whatever address they write from; per address before they are known."""
    entry = request.session.get(links.SESSION_KEY)
    if isinstance(entry, dict) and entry.get("registration"):
        return f"registration:{entry['registration']}"
    return f"ip:{import_string(settings.RATELIMIT_IP_META_KEY)(request)}"


def _back(registration, token):
    return redirect("attendees:manage", year=registration.edition.year, token=token)


@never_cache
@ratelimit(group=MEETING_REQUEST_LIMIT, key=_requester_key, rate=_configured_rate, method="POST")
def ask(request, year, slug):
    """The form to ask the owner of a published item for a meeting."""
    item = get_object_or_404(
        CooperationItem.objects.select_related("edition", "owner"),
        edition__year=year,
        slug=slug,
        status=ItemStatus.PUBLISHED,
    )
    registration = links.remembered_registration(request, year=year)
    context = {"item": item, "edition": item.edition, "registration": registration}
    if registration is None:
        return render(request, "cooperation/meetings/ask.html", context)
    context["token"] = links.manage_token(registration)
    context["refusal"] = services.request_refusal(registration, item)
    if request.method != "POST" or context["refusal"]:
        status = 409 if request.method == "POST" else 200
        context["form"] = MeetingRequestForm()
        return render(request, "cooperation/meetings/ask.html", context, status=status)
    form = MeetingRequestForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "cooperation/meetings/ask.html", context, status=400)
    try:
        services.request_meeting(
            registration=registration, item=item, message=form.cleaned_data["message"]
        )
    except services.CooperationError as error:
        context["refusal"] = error.message
        return render(request, "cooperation/meetings/ask.html", context, status=409)
    messages.success(
        request, _("Your request is sent. You will hear by email when it is answered.")
    )
    return _back(registration, context["token"])


def _involving(registration, pk) -> MeetingRequest:
    return get_object_or_404(
        MeetingRequest.objects.involving(registration).select_related("item"), pk=pk
    )


def _answer(request, registration, token, pk, service, success):
    meeting_request = _involving(registration, pk)
    try:
        service(meeting_request=meeting_request, registration=registration)
    except services.CooperationError as error:
        messages.error(request, error.message)
        return _back(registration, token)
    messages.success(request, success)
    return _back(registration, token)


@require_POST
@personal_page
def accept(request, registration, *, token, pk):
    return _answer(
        request, registration, token, pk, services.accept_request, _("You accepted the meeting.")
    )


@require_POST
@personal_page
def decline(request, registration, *, token, pk):
    return _answer(
        request, registration, token, pk, services.decline_request, _("You declined the request.")
    )


@require_POST
@personal_page
def cancel(request, registration, *, token, pk):
    return _answer(
        request, registration, token, pk, services.cancel_meeting, _("The meeting is cancelled.")
    )


@personal_page
def calendar(request, registration, *, token):
    """The attendee's booked meetings as iCalendar, to subscribe to from the personal link."""
    response = HttpResponse(
        meetings_calendar(registration).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    filename = f"meetings-{registration.edition.year}.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
