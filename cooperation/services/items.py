"""An item's life: submitted by an attendee (or entered by organizers), published or rejected
by a moderator, closed by its owner."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from attendees.models import Registration

from .. import emails
from ..models import CooperationItem, ItemStatus
from .exceptions import CooperationError

# An attendee's items waiting for moderation or on the board at once: enough for a research
# group's offers, few enough that one person cannot flood the moderation queue.
MAX_OPEN_ITEMS = 10
# Addresses on the board that an item's slug must never take.
RESERVED_SLUGS = {"feed", "atom", "new"}
SLUG_LENGTH = 60
SLUG_ATTEMPTS = 5


def unique_slug(item: CooperationItem) -> str:
    """A readable address for the item, unique within its edition.

    From the English title; a title in Chinese only gives the category ("need-equipment"),
    followed by a number when that is taken.
    """
    base = slugify(item.title_en or "")[:SLUG_LENGTH].strip("-")
    if not base:
        base = slugify(f"{item.kind} {item.category}")
    taken = (
        set(
            CooperationItem.objects.filter(edition_id=item.edition_id, slug__startswith=base)
            .exclude(pk=item.pk)
            .values_list("slug", flat=True)
        )
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def submit_refusal(registration: Registration) -> str | None:
    """Why this attendee may not publish on the board now, or ``None``."""
    if registration.is_anonymized or not registration.holds_place:
        return _("Only confirmed attendees can publish on the cooperation board.")
    open_items = registration.cooperation_items.filter(status__in=ItemStatus.closable())
    if open_items.count() >= MAX_OPEN_ITEMS:
        return _(
            "You have %(count)d offers and needs waiting or published, the most one attendee "
            "may have. Close one to publish another."
        ) % {"count": MAX_OPEN_ITEMS}
    return None


def submit_item(*, registration: Registration, item: CooperationItem, topics=()) -> CooperationItem:
    """Save an attendee's new offer or need, waiting for moderation.

    ``item`` is unsaved, its fields filled in by the attendee's form. Side effects: the item
    is saved as the registration's, status "submitted", with its focus fields and a slug. No
    email: the attendee sees it at once on their personal page, the organizers in the queue.
    Raises `CooperationError` when `submit_refusal` refuses.
    """
    with transaction.atomic():
        # The registration's row bounds how many items it has open: two forms sent at once
        # cannot both pass the limit.
        locked = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if locked is None:
            raise CooperationError(_("This registration no longer exists."))
        refusal = submit_refusal(locked)
        if refusal:
            raise CooperationError(refusal)
        item.edition_id = locked.edition_id
        item.owner = locked
        item.status = ItemStatus.SUBMITTED
        _save_with_unique_slug(item)
        item.topics.set([topic for topic in topics if topic.edition_id == locked.edition_id])
        return item


def _save_with_unique_slug(item: CooperationItem) -> None:
    """Save a new item under a free address; another attendee publishing the same title at the
    same moment may take it first (the database's unique constraint says so): then the next
    free one, and after two such collisions one with a random ending, which nobody else takes."""
    for attempt in range(SLUG_ATTEMPTS):
        item.slug = unique_slug(item)
        if attempt >= 2:
            item.slug = f"{item.slug[:SLUG_LENGTH]}-{secrets.token_hex(3)}"
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            continue
        return
    raise CooperationError(_("Many people are publishing right now. Please try again."))


def _locked_item(item: CooperationItem) -> CooperationItem:
    fresh = (
        CooperationItem.objects.select_for_update(of=("self",))
        .select_related("edition", "owner")
        .filter(pk=item.pk)
        .first()
    )
    if fresh is None:
        raise CooperationError(_("This offer or need no longer exists."))
    return fresh


def publish_item(*, item: CooperationItem, by=None) -> CooperationItem:
    """Put a submitted (or earlier rejected) item on the public board.

    Side effects: status "published", the moderator and time recorded, the reason of an earlier
    rejection cleared; the owner, if an attendee, is emailed in their language.
    """
    with transaction.atomic():
        item = _locked_item(item)
        if item.status == ItemStatus.PUBLISHED:
            return item
        if item.status == ItemStatus.CLOSED:
            raise CooperationError(_("A closed offer or need cannot be published again."))
        item.status = ItemStatus.PUBLISHED
        item.published_at = timezone.now()
        item.rejected_at = None
        item.rejection_reason = ""
        item.moderated_by = by
        item.save()
        if item.owner_id:
            emails.items.send_published(item)
        return item


def reject_item(*, item: CooperationItem, reason: str, by=None) -> CooperationItem:
    """Refuse a submitted item, or take a published one off the board, with a reason.

    Side effects: status "rejected", the reason, moderator and time recorded; the owner, if an
    attendee, receives the reason by email in their language.
    """
    reason = (reason or "").strip()
    if not reason:
        raise CooperationError(_("Say why the item is rejected: the attendee receives it."))
    with transaction.atomic():
        item = _locked_item(item)
        if item.status == ItemStatus.CLOSED:
            raise CooperationError(_("This offer or need is closed already."))
        item.status = ItemStatus.REJECTED
        item.rejected_at = timezone.now()
        item.rejection_reason = reason
        item.moderated_by = by
        item.save()
        if item.owner_id:
            emails.items.send_rejected(item)
        return item


def close_refusal(item: CooperationItem, registration: Registration) -> str | None:
    """Why this attendee may not close the item, or ``None``."""
    if item.owner_id != registration.pk:
        return _("Only the attendee who published an offer or need can close it.")
    if item.status not in ItemStatus.closable():
        return _("This offer or need is no longer open.")
    return None


def close_item(*, item: CooperationItem, registration: Registration) -> CooperationItem:
    """The owner takes their item off the board (or withdraws it before moderation).

    Side effects: status "closed" and its time. No email: the owner did it themselves.
    Raises `CooperationError` when `close_refusal` refuses.
    """
    with transaction.atomic():
        item = _locked_item(item)
        refusal = close_refusal(item, registration)
        if refusal:
            raise CooperationError(refusal)
        item.status = ItemStatus.CLOSED
        item.closed_at = timezone.now()
        item.save()
        return item
