"""The cooperation board on an attendee's personal page, and in their data download."""

from attendees.models import Registration

from . import services
from .models import CooperationItem, ItemStatus

SECTION_TEMPLATE = "cooperation/personal_section.html"


def own_items(registration: Registration) -> list[CooperationItem]:
    return list(
        CooperationItem.objects.owned_by(registration)
        .select_related("edition")
        .order_by("-created_at", "-pk")
    )


def page_section(registration: Registration, token: str) -> dict | None:
    """The attendee's offers and needs, and whether they may publish another.

    Nothing for an attendee who may not publish and has nothing published: the section would
    only say "no".
    """
    items = own_items(registration)
    refusal = services.submit_refusal(registration)
    if refusal and not items:
        return None
    return {
        "template": SECTION_TEMPLATE,
        "context": {
            "items": items,
            "submit_refusal": refusal,
            "closable": ItemStatus.closable(),
        },
    }


def exported_data(registration: Registration) -> dict:
    """Plain data (JSON-ready): stored values, not translated labels."""
    items = CooperationItem.objects.owned_by(registration).prefetch_related("topics")
    return {
        "items": [
            {
                "kind": item.kind,
                "category": item.category,
                "title_en": item.title_en,
                "title_zh_hans": item.title_zh_hans,
                "description_en": item.description_en,
                "description_zh_hans": item.description_zh_hans,
                "focus_fields": [topic.title for topic in item.topics.all()],
                "keywords": item.keywords,
                "organization_name": item.organization_name,
                "organization_type": item.organization_type,
                "country": str(item.country.code),
                "contact_name": item.contact_name,
                "contact_email": item.contact_email,
                "contact_phone": item.contact_phone,
                "status": item.status,
                "rejection_reason": item.rejection_reason,
                "submitted_at": item.created_at,
                "published_at": item.published_at,
                "closed_at": item.closed_at,
            }
            for item in items.order_by("created_at", "pk")
        ],
        "meeting_requests_sent": [
            {"item": request.item.title, "message": request.message, "status": request.status}
            for request in registration.cooperation_requests.select_related("item").order_by(
                "created_at", "pk"
            )
        ],
    }
