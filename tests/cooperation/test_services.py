"""Moderation: submitted by an attendee, published or rejected (with a reason by email), closed."""

import pytest

from attendees.models import Registration
from cooperation import services
from cooperation.models import CooperationItem
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
Status = CooperationItem.Status


def new_item(**values) -> CooperationItem:
    fields = {
        "kind": CooperationItem.Kind.NEED,
        "category": CooperationItem.Category.RESEARCH_PROBLEM,
        "title_en": "Predicting slab defects",
        "title_zh_hans": "连铸坯缺陷预测",
        "description_en": "We look for a research group.",
        "organization_name": "Sample Steel",
        "organization_type": CooperationItem.OrganizationType.ENTERPRISE,
        "country": "CN",
        "contact_name": "Wang Fang",
        "contact_email": "wang.fang@example.org",
    }
    return CooperationItem(**{**fields, **values})


def test_a_confirmed_attendee_submits_an_item_waiting_for_moderation(attendee, topics):
    item = services.submit_item(registration=attendee, item=new_item(), topics=topics[:1])
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    assert item.owner == attendee
    assert item.edition == attendee.edition
    assert item.slug == "predicting-slab-defects"
    assert list(item.topics.all()) == topics[:1]
    assert item.history.count() >= 1


def test_focus_fields_of_another_edition_are_not_attached(attendee, topics):
    from tests.factories import TopicFactory

    foreign = TopicFactory()
    item = services.submit_item(registration=attendee, item=new_item(), topics=[foreign])
    assert list(item.topics.all()) == []


def test_an_unconfirmed_attendee_cannot_submit(open_edition):
    registration = RegistrationFactory(edition=open_edition)
    with pytest.raises(services.CooperationError, match="Only confirmed attendees"):
        services.submit_item(registration=registration, item=new_item())
    assert not CooperationItem.objects.exists()


def test_an_attendee_has_at_most_ten_open_items(attendee, item_of):
    for _ in range(services.MAX_OPEN_ITEMS):
        item_of(owner=attendee)
    with pytest.raises(services.CooperationError, match="Close one"):
        services.submit_item(registration=attendee, item=new_item())
    # A closed item no longer counts.
    closed = CooperationItem.objects.filter(owner=attendee).first()
    services.close_item(item=closed, registration=attendee)
    services.submit_item(registration=attendee, item=new_item())


def test_slugs_are_unique_per_edition_and_never_a_board_address(attendee, item_of):
    item_of(slug="predicting-slab-defects")
    second = services.submit_item(registration=attendee, item=new_item())
    assert second.slug == "predicting-slab-defects-2"
    chinese_only = services.submit_item(
        registration=attendee, item=new_item(title_en="", title_zh_hans="需要设备")
    )
    assert chinese_only.slug == "need-research_problem"
    feed = services.submit_item(registration=attendee, item=new_item(title_en="Feed"))
    assert feed.slug == "feed-2"


def test_publishing_emails_the_owner_in_their_language(
    open_edition, confirmed, item_of, organizer, send_mail, mailoutbox
):
    owner = confirmed(edition=open_edition, language="zh-hans")
    item = item_of(owner=owner, status=Status.SUBMITTED, published_at=None)
    with send_mail():
        services.publish_item(item=item, by=organizer)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.published_at is not None
    assert item.moderated_by == organizer
    [message] = mailoutbox
    assert message.to == [owner.email]
    assert "合作对接" in message.subject
    assert "/zh-hans/" in message.body


def test_rejecting_needs_a_reason_and_sends_it(attendee, item_of, send_mail, mailoutbox):
    item = item_of(owner=attendee, status=Status.SUBMITTED, published_at=None)
    with pytest.raises(services.CooperationError):
        services.reject_item(item=item, reason="  ")
    with send_mail():
        services.reject_item(item=item, reason="Please describe the equipment you need.")
    item.refresh_from_db()
    assert item.status == Status.REJECTED
    [message] = mailoutbox
    assert message.to == [attendee.email]
    assert "Please describe the equipment you need." in message.body


def test_an_organizer_item_is_published_without_email(item_of, send_mail, mailoutbox):
    item = item_of(status=Status.SUBMITTED, published_at=None)
    with send_mail():
        services.publish_item(item=item)
    assert mailoutbox == []


def test_a_rejected_item_can_be_published_after_all(attendee, item_of):
    item = item_of(owner=attendee, status=Status.REJECTED, rejection_reason="x", published_at=None)
    services.publish_item(item=item)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.rejection_reason == ""


def test_only_the_owner_closes_an_item(attendee, item_of, confirmed, open_edition):
    item = item_of(owner=attendee)
    stranger = confirmed(edition=open_edition)
    with pytest.raises(services.CooperationError, match="Only the attendee"):
        services.close_item(item=item, registration=stranger)
    services.close_item(item=item, registration=attendee)
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.closed_at is not None
    with pytest.raises(services.CooperationError, match="no longer open"):
        services.close_item(item=item, registration=attendee)
    with pytest.raises(services.CooperationError, match="closed"):
        services.publish_item(item=item)


def test_every_change_is_in_the_history(attendee, item_of):
    item = item_of(owner=attendee, status=Status.SUBMITTED, published_at=None)
    services.publish_item(item=item)
    services.close_item(item=item, registration=attendee)
    statuses = list(item.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED]


def test_deleting_the_owner_deletes_items_and_their_history(attendee, item_of):
    from attendees import services as attendee_services

    item = item_of(owner=attendee)
    attendee_services.delete_registration(registration=Registration.objects.get(pk=attendee.pk))
    assert not CooperationItem.objects.filter(pk=item.pk).exists()
    assert not CooperationItem.history.filter(id=item.pk).exists()
