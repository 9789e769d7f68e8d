"""Registering for an edition and confirming the email address."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import queries

from .. import links, ratelimits, services
from ..forms import RegistrationForm
from ..models import RegistrationStatus

SESSION_EMAIL_KEY = "attendees:registered_email"


@ratelimits.limit_registration
def register(request, year):
    edition = queries.published_edition(year)
    if not edition.registration_is_open():
        upcoming = bool(edition.registration_opens) and timezone.now() < edition.registration_opens
        context = {"edition": edition, "upcoming": upcoming}
        return render(request, "attendees/registration_closed.html", context)
    form = RegistrationForm(request.POST or None, edition=edition)
    if form.is_valid():
        try:
            services.register(
                edition=edition,
                details=form.cleaned_data,
                sub_forums=form.cleaned_data.get("sub_forums", []),
                language=translation.get_language(),
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            request.session[SESSION_EMAIL_KEY] = form.cleaned_data["email"]
            return redirect("attendees:check_email", year=edition.year)
    status = 400 if form.is_bound else 200
    context = {"edition": edition, "form": form}
    return render(request, "attendees/register.html", context, status=status)


def check_email(request, year):
    context = {
        "edition": queries.published_edition(year),
        "email": request.session.get(SESSION_EMAIL_KEY, ""),
        "valid_hours": int(settings.ATTENDEES_CONFIRMATION_MAX_AGE.total_seconds() // 3600),
    }
    return render(request, "attendees/check_email.html", context)


@never_cache
def confirm(request, year, token):
    """The link in the "confirm your email" message; opening it again changes nothing."""
    try:
        registration = links.registration_to_confirm(token, year=year)
    except links.ExpiredLink:
        return link_error(request, year, expired=True)
    except links.InvalidLink:
        return link_error(request, year)
    was_unconfirmed = registration.status == RegistrationStatus.UNCONFIRMED
    try:
        registration = services.confirm_email(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        if was_unconfirmed:
            messages.success(request, _("Thank you: your email address is confirmed."))
    return redirect(links.manage_path(registration))


def link_error(request, year, *, expired=False):
    """A friendly page for a personal link that is broken, revoked or too old (never a 500)."""
    context = {"year": year, "expired": expired}
    return render(request, "attendees/link_error.html", context, status=400)
