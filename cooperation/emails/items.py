"""What the owner of an offer or need hears from the moderators."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from attendees import links

from ..models import CooperationItem
from .frame import send_email

PUBLISHED_SUBJECT = _("Your offer or need is on the cooperation board of %(edition)s")
REJECTED_SUBJECT = _("About your offer or need for %(edition)s")


def _context(item: CooperationItem) -> dict:
    # The item's address in the owner's language, as the rest of the message.
    with translation.override(item.owner.language):
        return {"item": item, "item_url": links.absolute(item.get_absolute_url())}


def send_published(item: CooperationItem):
    return send_email(
        "item_published",
        registration=item.owner,
        subject=PUBLISHED_SUBJECT,
        context=_context(item),
    )


def send_rejected(item: CooperationItem):
    return send_email(
        "item_rejected",
        registration=item.owner,
        subject=REJECTED_SUBJECT,
        context=_context(item),
    )
