"""Publishing from the personal page (signed link), and the attendee's data: export, erasure."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from attendees import links
from attendees.models import Registration
from cooperation.models import CooperationItem, MeetingRequest
from tests.factories import EditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = CooperationItem.Status

FORM = {
    "kind": "need",
    "category": "equipment",
    "title_en": "Time on a confocal microscope",
    "title_zh_hans": "",
    "description_en": "Twenty hours this year.",
    "description_zh_hans": "",
    "keywords": "microscopy",
    "organization_name": "Sample University",
    "organization_type": "university",
    "country": "KR",
    "contact_name": "Kim Sample",
    "contact_email": "kim@example.org",
    "contact_phone": "",
}


def personal(registration, name="attendees:manage"):
    return links.manage_path(registration, name)


def close_url(registration, item):
    token = links.manage_token(registration)
    kwargs = {"year": registration.edition.year, "token": token, "pk": item.pk}
    return reverse("cooperation:close_item", kwargs=kwargs)


def test_the_personal_page_offers_to_publish(client, attendee):
    content = client.get(personal(attendee)).content.decode()
    assert "Cooperation board" in content
    assert personal(attendee, "cooperation:new_item") in content


def test_an_unconfirmed_attendee_sees_no_board_section(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    content = client.get(personal(registration)).content.decode()
    assert "cooperation/new/" not in content


def test_the_form_is_prefilled_from_the_registration(client, attendee, topics):
    response = client.get(personal(attendee, "cooperation:new_item"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="li.wei@example.org"' in content
    assert "Metallurgy and Metal Materials" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_an_attendee_publishes_a_need_waiting_for_review(client, attendee, topics):
    data = {**FORM, "topics": [topics[0].pk]}
    response = client.post(personal(attendee, "cooperation:new_item"), data)
    assert response.status_code == 302
    item = CooperationItem.objects.get()
    assert item.owner == attendee and item.status == Status.SUBMITTED
    assert list(item.topics.all()) == [topics[0]]
    page = client.get(response["Location"]).content.decode()
    assert "Time on a confocal microscope" in page
    assert "Waiting for moderation" in page


def test_a_form_without_any_title_is_refused_with_a_message(client, attendee):
    data = {**FORM, "title_en": "", "title_zh_hans": ""}
    response = client.post(personal(attendee, "cooperation:new_item"), data)
    assert response.status_code == 400
    assert "Give the title in English, in Chinese, or both." in response.content.decode()
    assert not CooperationItem.objects.exists()


def test_a_category_of_the_other_kind_is_refused(client, attendee):
    data = {**FORM, "kind": "offer", "category": "equipment"}
    response = client.post(personal(attendee, "cooperation:new_item"), data)
    assert response.status_code == 400
    assert "does not belong to the chosen kind" in response.content.decode()
    assert not CooperationItem.objects.exists()


def test_an_unconfirmed_attendee_is_sent_back_with_the_reason(client, open_edition):
    registration = RegistrationFactory(edition=open_edition)
    response = client.post(personal(registration, "cooperation:new_item"), FORM, follow=True)
    assert "Only confirmed attendees can publish" in response.content.decode()
    assert not CooperationItem.objects.exists()


def test_a_tampered_link_cannot_publish(client, attendee):
    url = personal(attendee, "cooperation:new_item").replace("/registration/", "/registration/x")
    response = client.post(url, FORM)
    assert response.status_code in (400, 404)
    assert not CooperationItem.objects.exists()


def test_the_owner_closes_an_item_from_the_personal_page(client, attendee, item_of):
    item = item_of(owner=attendee)
    close = close_url(attendee, item)
    assert client.get(close).status_code == 405
    response = client.post(close)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CLOSED


def test_nobody_closes_someone_elses_item(client, attendee, item_of, confirmed, open_edition):
    item = item_of(owner=attendee)
    other = confirmed(edition=open_edition)
    close = close_url(other, item)
    assert client.post(close).status_code == 404
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_rejected_item_shows_its_reason_on_the_personal_page(client, attendee, item_of):
    item_of(owner=attendee, status=Status.REJECTED, rejection_reason="Too vague.")
    content = client.get(personal(attendee)).content.decode()
    assert "Too vague." in content


def test_the_data_download_includes_the_attendees_items(client, attendee, item_of, topics):
    item_of(owner=attendee, title_en="My offer", contact_phone="+86 1", topics=[topics[0]])
    response = client.get(personal(attendee, "attendees:download_data"))
    data = json.loads(response.content)
    [item] = data["cooperation"]["items"]
    assert item["title_en"] == "My offer"
    assert item["contact_phone"] == "+86 1"
    assert item["focus_fields"] == ["Metallurgy and Metal Materials"]


def test_anonymization_erases_items_and_requests(item_of):
    end = timezone.localdate() - datetime.timedelta(days=400)
    edition = EditionFactory(start_date=end - datetime.timedelta(days=1), end_date=end)
    registration = RegistrationFactory(
        edition=edition, status=Registration.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    other = RegistrationFactory(
        edition=edition, status=Registration.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    own = item_of(edition=edition, owner=registration, slug="own")
    others = item_of(edition=edition, owner=other, slug="others")
    MeetingRequest.objects.create(item=others, requester=registration, message="Hello")
    kept = item_of(edition=edition, slug="organizers")
    call_command(
        "anonymize_registrations", "--days", "30", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert not CooperationItem.objects.filter(pk=own.pk).exists()
    assert not CooperationItem.history.filter(id=own.pk).exists()
    assert not MeetingRequest.objects.filter(requester=registration).exists()
    # What others published stays, until their own registration is anonymized: here, the same
    # run anonymized both.
    assert CooperationItem.objects.filter(pk=kept.pk).exists()
