"""The attendee's personal page, reached through the signed link in their emails (no account)."""

import copy
import functools
import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import access, links, services, signals, tickets
from ..documents.offers import personal_documents
from ..forms import ConfirmForm, DetailsForm, ModeForm, SubForumsForm
from ..models import Registration
from ..personal_data import registration_data
from .registration import link_error


def personal_page(view):
    """Resolve the signed token to its registration, or answer with the friendly link page."""

    @functools.wraps(view)
    @never_cache
    def wrapper(request, year, token, **kwargs):
        try:
            registration = links.registration_to_manage(token, year=year)
        except links.InvalidLink:
            return link_error(request, year)
        links.remember_in_session(request, registration)
        response = view(request, registration, token=token, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _page_context(registration: Registration, token: str) -> dict:
    edition = registration.edition
    sub_forums = list(registration.sub_forums.order_by("order", "pk"))
    context = {
        "registration": registration,
        "edition": edition,
        "token": token,
        "sub_forums": sub_forums,
        "waitlist_position": registration.waitlist_position(),
        # What the attendee may do now: each action is offered only when its service would
        # accept it (`services.rules`).
        "change_refusal": services.change_refusal(registration),
        "switch_mode_refusal": services.switch_mode_refusal(registration),
        "sub_forums_refusal": services.sub_forums_refusal(registration),
        "cancel_refusal": services.cancel_refusal(registration),
        "online": access.online_access(registration),
        "documents": personal_documents(registration),
        # Parts other apps add (the cooperation board), without attendees knowing them.
        "extra_sections": signals.personal_sections(registration, token),
    }
    if registration.has_ticket:
        context["ticket_svg"] = tickets.qr_svg(registration)
        context["ticket_code"] = tickets.display_code(registration)
    return context


def _render_page(request, registration, token, *, details_form=None, status=200):
    context = _page_context(registration, token)
    edition = registration.edition
    context["details_form"] = details_form or DetailsForm(instance=registration)
    context["mode_form"] = ModeForm(initial={"mode": registration.mode}, edition=edition)
    sub_forums_form = SubForumsForm(initial={"sub_forums": context["sub_forums"]}, edition=edition)
    context["sub_forums_form"] = sub_forums_form
    context["edition_has_sub_forums"] = sub_forums_form.fields["sub_forums"].queryset.exists()
    return render(request, "attendees/manage.html", context, status=status)


@personal_page
def manage(request, registration, *, token):
    return _render_page(request, registration, token)


def _refused(request, registration, token, reason, *, details_form=None, status=409):
    """The page again with the reason a change was refused; nothing was written."""
    messages.error(request, reason)
    return _render_page(request, registration, token, details_form=details_form, status=status)


@require_POST
@personal_page
def update_details(request, registration, *, token):
    refusal = services.change_refusal(registration)
    if refusal:
        return _refused(request, registration, token, refusal)
    # The form works on a copy so that a rejected change never shows up elsewhere on the page.
    form = DetailsForm(request.POST, instance=copy.copy(registration))
    if not form.is_valid():
        return _render_page(request, registration, token, details_form=form, status=400)
    details = {**form.cleaned_data, **form.posted_locked_values()}
    try:
        services.update_details(registration=registration, details=details)
    except services.RegistrationError as error:
        return _refused(request, registration, token, error.message, details_form=form)
    messages.success(request, _("Your details are saved."))
    return redirect("attendees:manage", year=registration.edition.year, token=token)


@require_POST
@personal_page
def switch_mode(request, registration, *, token):
    refusal = services.switch_mode_refusal(registration)
    if refusal:
        return _refused(request, registration, token, refusal)
    form = ModeForm(request.POST, edition=registration.edition)
    if not form.is_valid():
        return _refused(request, registration, token, _("Choose on-site or online."), status=400)
    try:
        registration = services.switch_mode(
            registration=registration, mode=form.cleaned_data["mode"]
        )
    except services.RegistrationError as error:
        return _refused(request, registration, token, error.message)
    messages.success(
        request, _("You now take part: %(mode)s.") % {"mode": registration.get_mode_display()}
    )
    return redirect("attendees:manage", year=registration.edition.year, token=token)


@require_POST
@personal_page
def change_sub_forums(request, registration, *, token):
    refusal = services.sub_forums_refusal(registration)
    if refusal:
        return _refused(request, registration, token, refusal)
    form = SubForumsForm(request.POST, edition=registration.edition)
    if not form.is_valid():
        message = _("Choose among the sub-forums listed.")
        return _refused(request, registration, token, message, status=400)
    try:
        services.change_sub_forums(
            registration=registration, sub_forums=form.cleaned_data["sub_forums"]
        )
    except services.RegistrationError as error:
        return _refused(request, registration, token, error.message)
    messages.success(request, _("Your choice of sub-forums is saved."))
    return redirect("attendees:manage", year=registration.edition.year, token=token)


def _confirm_step(request, registration, token, *, action, form, status=200):
    context = {**_page_context(registration, token), "action": action, "form": form}
    return render(request, "attendees/confirm_step.html", context, status=status)


@personal_page
def cancel(request, registration, *, token):
    refusal = services.cancel_refusal(registration)
    if refusal:
        return _refused(request, registration, token, refusal)
    if request.method != "POST":
        return _confirm_step(request, registration, token, action="cancel", form=ConfirmForm())
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _confirm_step(request, registration, token, action="cancel", form=form, status=400)
    try:
        services.cancel(registration=registration)
    except services.RegistrationError as error:
        return _refused(request, registration, token, error.message)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("attendees:manage", year=registration.edition.year, token=token)


@personal_page
def delete(request, registration, *, token):
    if request.method != "POST":
        return _confirm_step(request, registration, token, action="delete", form=ConfirmForm())
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _confirm_step(request, registration, token, action="delete", form=form, status=400)
    edition = registration.edition
    try:
        services.delete_registration(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect("attendees:manage", year=edition.year, token=token)
    return render(request, "attendees/deleted.html", {"edition": edition})


@personal_page
def download_data(request, registration, *, token):
    data = registration_data(registration)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"registration-{registration.edition.year}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@personal_page
def ticket_png(request, registration, *, token):
    if not registration.has_ticket:
        raise Http404
    response = HttpResponse(tickets.qr_png(registration), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="ticket-{registration.edition.year}.png"'
    return response


@personal_page
def join(request, registration, *, token, kind, pk):
    """Open a private meeting or stream link, counting the online attendee as present."""
    target = access.link_target(registration, kind=kind, pk=pk)
    if target is None:
        raise Http404
    services.record_online_presence(registration=registration)
    return redirect(target)
