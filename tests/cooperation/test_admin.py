"""The board in the admin: moderation queue and actions, history, exports, statistics."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from cooperation.exports import CooperationItemResource
from cooperation.models import CooperationItem, MeetingRequest
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db
Status = CooperationItem.Status
CHANGELIST = "admin:cooperation_cooperationitem_changelist"
EXPORT = "admin:cooperation_cooperationitem_export"
STATISTICS = "admin:cooperation_cooperationitem_statistics"


def export(client, file_format, **filters):
    """POST the export form as the admin page does, every column ticked."""
    names = CooperationItemResource().get_export_order()
    ticked = {f"cooperationitemresource_{name}": "on" for name in names}
    url = reverse(EXPORT)
    if filters:
        url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(url, {"format": file_format, "resource": "0", **ticked})


def test_the_list_links_the_moderation_queue(client, organizer, item_of):
    item_of(status=Status.SUBMITTED, published_at=None)
    client.force_login(organizer)
    content = client.get(reverse(CHANGELIST)).content.decode()
    assert "Moderation queue (1 waiting)" in content
    assert "?status__exact=submitted" in content
    queue = client.get(reverse(CHANGELIST) + "?status__exact=submitted")
    assert queue.status_code == 200


def test_the_publish_action_publishes_and_emails(
    client, organizer, attendee, item_of, send_mail, mailoutbox
):
    item = item_of(owner=attendee, status=Status.SUBMITTED, published_at=None)
    client.force_login(organizer)
    with send_mail():
        response = client.post(
            reverse(CHANGELIST), {"action": "publish", "_selected_action": [item.pk]}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.moderated_by == organizer
    assert [message.to for message in mailoutbox] == [[attendee.email]]


def test_the_reject_action_asks_for_a_reason_then_sends_it(
    client, organizer, attendee, item_of, send_mail, mailoutbox
):
    item = item_of(owner=attendee, status=Status.SUBMITTED, published_at=None)
    client.force_login(organizer)
    data = {"action": "reject", "_selected_action": [item.pk]}
    page = client.post(reverse(CHANGELIST), data)
    assert page.status_code == 200
    assert "Reason, sent to the attendees" in page.content.decode()
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    # An empty reason is refused; nothing changes.
    client.post(reverse(CHANGELIST), {**data, "post": "yes", "reason": ""})
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    with send_mail():
        client.post(reverse(CHANGELIST), {**data, "post": "yes", "reason": "Not a cooperation."})
    item.refresh_from_db()
    assert item.status == Status.REJECTED and item.rejection_reason == "Not a cooperation."
    [message] = mailoutbox
    assert "Not a cooperation." in message.body


def test_staff_without_the_moderation_permission_see_no_moderation_actions(
    client, staff_with, item_of
):
    item = item_of(status=Status.SUBMITTED, published_at=None)
    client.force_login(staff_with("view_cooperationitem", "change_cooperationitem"))
    content = client.get(reverse(CHANGELIST)).content.decode()
    assert 'value="publish"' not in content
    client.post(reverse(CHANGELIST), {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_an_organizer_creates_an_item_that_is_published_at_once(
    client, organizer, open_edition, topics
):
    client.force_login(organizer)
    data = {
        "edition": open_edition.pk,
        "kind": "offer",
        "category": "internship",
        "title_en": "Internships at the rolling mill",
        "title_zh_hans": "",
        "description_en": "",
        "description_zh_hans": "",
        "topics": [topics[0].pk],
        "organization_name": "Sample Steel",
        "organization_type": "enterprise",
        "country": "CN",
        "keywords": "",
        "contact_name": "Desk",
        "contact_email": "desk@example.org",
        "contact_phone": "",
        "slug": "",
    }
    response = client.post(reverse("admin:cooperation_cooperationitem_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = CooperationItem.objects.get()
    assert item.status == Status.PUBLISHED
    assert item.owner is None
    assert item.slug == "internships-at-the-rolling-mill"
    history = client.get(reverse("admin:cooperation_cooperationitem_history", args=[item.pk]))
    assert history.status_code == 200


def test_the_csv_export_holds_the_filtered_rows_with_contacts(client, organizer, item_of):
    item_of(title_en="Visible offer", contact_email="offer@example.org")
    item_of(title_en="Queued need", status=Status.SUBMITTED, published_at=None)
    client.force_login(organizer)
    response = export(client, "0", status__exact="published")
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "Contact email" in header and "Title in English" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Title in English"] == "Visible offer"
    assert row["Contact email"] == "offer@example.org"
    assert row["Status"] == "Published"
    assert row["Offer or need"] == "Offer"


def test_the_xlsx_export(client, organizer, item_of):
    item_of(title_en="=HYPERLINK(1)")
    client.force_login(organizer)
    response = export(client, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 2
    # A formula typed by an attendee stays text.
    assert "'=HYPERLINK(1)" in rows[1]


def test_exporting_needs_its_own_permission(client, staff_with, item_of):
    item_of()
    client.force_login(staff_with("view_cooperationitem"))
    assert export(client, "0").status_code == 403


def test_the_statistics_page_counts_items_and_requests(
    client, organizer, open_edition, topics, item_of, attendee
):
    open_edition.is_current = True
    open_edition.save()
    offer = item_of(topics=[topics[0]], country="DE")
    item_of(kind="need", category="talent", topics=topics)
    item_of(status=Status.SUBMITTED, published_at=None)
    MeetingRequest.objects.create(item=offer, requester=attendee)
    client.force_login(organizer)
    response = client.get(reverse(STATISTICS))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Items by kind" in content
    assert "Offer: 1" in content and "Need: 1" in content
    assert "Metallurgy and Metal Materials: 2" in content
    assert "Germany: 1" in content
    assert "Waiting for an answer: 1" in content
    assert "<svg" in content


def test_the_statistics_need_their_permission(client, staff_with):
    EditionFactory()
    client.force_login(staff_with("view_cooperationitem"))
    assert client.get(reverse(STATISTICS)).status_code == 403


@pytest.mark.parametrize("size", [3, 30])
def test_the_statistics_query_count_does_not_grow(
    client, organizer, open_edition, item_of, size, django_assert_num_queries
):
    for _ in range(size):
        item_of()
    client.force_login(organizer)
    client.get(reverse(STATISTICS))
    with django_assert_num_queries(14):
        client.get(reverse(STATISTICS))
