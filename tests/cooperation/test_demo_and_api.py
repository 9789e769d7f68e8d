"""The demo's sample offers and needs, and the board in the public API."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cooperation.demo import ITEMS
from cooperation.models import CooperationItem
from events.models import Edition

pytestmark = pytest.mark.django_db
Status = CooperationItem.Status


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_publishes_sample_offers_and_needs_in_both_languages():
    load_demo()
    edition = Edition.objects.get(year=2022)
    items = CooperationItem.objects.filter(edition=edition)
    assert items.count() == len(ITEMS)
    assert {item.kind for item in items} == {"offer", "need"}
    for item in items.prefetch_related("topics"):
        assert item.is_sample and item.status == Status.PUBLISHED
        assert item.title_en and item.title_zh_hans
        assert item.description_en.startswith("Sample entry")
        assert item.description_zh_hans.startswith("示例条目")
        assert "Sample" in item.organization_name
        assert item.topics.exists()
    titles = {topic.title_en for item in items for topic in item.topics.all()}
    assert {
        "Metallurgy and Metal Materials",
        "Intelligent Computing and Digital Transformation",
    } <= (titles)


def test_loading_the_demo_again_changes_nothing():
    load_demo()
    assert "0 created, 0 updated, 0 removed" in load_demo()


def test_the_demo_board_shows_a_sample_label(client):
    load_demo()
    content = client.get("/2022/cooperation/").content.decode()
    assert "badge--sample" in content
    assert "Sample Iron and Steel Group" in content


def test_the_api_lists_published_items_in_both_languages(client, open_edition, item_of, topics):
    item_of(title_en="An offer", title_zh_hans="", topics=[topics[0]], contact_email="x@y.org")
    item_of(title_en="Queued", status=Status.SUBMITTED, published_at=None)
    response = client.get(reverse("api:list_cooperation_items"), {"edition": open_edition.year})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [item] = data["items"]
    assert item["title"] == {"en": "An offer", "zh-hans": "An offer"}
    assert item["focus_fields"][0]["title"]["zh-hans"] == "冶金与金属材料"
    assert item["url"]["zh-hans"].endswith(
        f"/zh-hans/{open_edition.year}/cooperation/{item['slug']}/"
    )
    assert "x@y.org" not in response.content.decode()
    assert not {"contact_name", "contact_email", "contact_phone", "owner"} & set(item)


def test_the_api_filters_by_kind_and_refuses_a_wrong_one(client, open_edition, item_of):
    item_of(title_en="An offer")
    item_of(title_en="A need", kind="need", category="talent")
    needs = client.get(reverse("api:list_cooperation_items"), {"kind": "need"}).json()
    assert [item["title"]["en"] for item in needs["items"]] == ["A need"]
    wrong = client.get(reverse("api:list_cooperation_items"), {"kind": "both"})
    assert wrong.status_code == 400
    unknown = client.get(reverse("api:list_cooperation_items"), {"edition": 1901})
    assert unknown.status_code == 400


def test_the_openapi_document_lists_the_board(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/cooperation/" in schema["paths"]
    index = schema["components"]["schemas"]["IndexOut"]
    assert index["properties"]["cooperation"] == {"title": "Cooperation", "type": "string"}
    assert "cooperation" in index["required"]


def test_the_api_root_lists_the_board_like_the_other_lists(client):
    root = client.get("/api/").json()
    assert root["cooperation"] == "http://testserver/api/cooperation/"
    assert list(root)[-2:] == ["news", "cooperation"]
    assert client.get(root["cooperation"]).status_code == 200
