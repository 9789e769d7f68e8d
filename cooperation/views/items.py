"""An attendee publishes and closes offers and needs from their personal page (signed link)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendees.views.personal import personal_page

from .. import services
from ..forms import ItemForm
from ..models import CooperationItem


def _back(registration, token):
    return redirect("attendees:manage", year=registration.edition.year, token=token)


@personal_page
def new_item(request, registration, *, token):
    refusal = services.submit_refusal(registration)
    if refusal:
        messages.error(request, refusal)
        return _back(registration, token)
    edition = registration.edition
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        edition=edition,
        registration=registration,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_item(
                registration=registration,
                item=form.save(commit=False),
                topics=form.cleaned_data["topics"],
            )
        except services.CooperationError as error:
            messages.error(request, error.message)
            return _back(registration, token)
        messages.success(
            request,
            _("Thank you. The organizers review your entry before it appears on the board."),
        )
        return _back(registration, token)
    context = {"edition": edition, "registration": registration, "token": token, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "cooperation/item_form.html", context, status=status)


@require_POST
@personal_page
def close_item(request, registration, *, token, pk):
    item = get_object_or_404(CooperationItem, pk=pk, owner=registration)
    try:
        services.close_item(item=item, registration=registration)
    except services.CooperationError as error:
        messages.error(request, error.message)
        return _back(registration, token)
    messages.success(request, _("Your offer or need is closed and no longer on the board."))
    return _back(registration, token)
