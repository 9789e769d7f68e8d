"""The public board: lists, filters, search, item pages, feeds; no contact data; fixed queries."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import CooperationItem, ItemStatus
from tests.factories import EditionFactory, TopicFactory

pytestmark = pytest.mark.django_db
Kind = CooperationItem.Kind
Category = CooperationItem.Category


def board_url(edition, **query):
    url = reverse("cooperation:board", kwargs={"year": edition.year})
    return f"{url}?{urlencode(query)}" if query else url


@pytest.fixture
def board(open_edition, topics, item_of):
    """An offer in metallurgy from China, a need in computing from Germany, and others hidden."""
    offer = item_of(
        title_en="Licence for high-strength steel rolling",
        title_zh_hans="高强钢轧制技术许可",
        topics=[topics[0]],
        contact_email="secret.offer@example.org",
        contact_phone="+86 24 1234 5678",
        contact_name="Zhang Secret",
    )
    need = item_of(
        kind=Kind.NEED,
        category=Category.PARTNER_SOUGHT,
        title_en="Partner for edge computing",
        title_zh_hans="",
        description_en="We look for a partner in scheduling.",
        description_zh_hans="",
        keywords="edge, scheduling",
        organization_name="Sample Works",
        organization_type=CooperationItem.OrganizationType.ENTERPRISE,
        country="DE",
        topics=[topics[1]],
    )
    item_of(title_en="Waiting for moderation", status=ItemStatus.SUBMITTED, published_at=None)
    item_of(title_en="Rejected item", status=ItemStatus.REJECTED, rejection_reason="No.")
    item_of(title_en="Closed item", status=ItemStatus.CLOSED)
    return offer, need


def test_the_board_lists_published_items_only(client, open_edition, board):
    response = client.get(board_url(open_edition))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Licence for high-strength steel rolling" in content
    assert "Partner for edge computing" in content
    for hidden in ("Waiting for moderation", "Rejected item", "Closed item"):
        assert hidden not in content
    assert "2 offers and needs" in content


def test_no_contact_data_on_the_board_the_item_page_or_the_feed(client, open_edition, board):
    offer, _need = board
    pages = [
        board_url(open_edition),
        offer.get_absolute_url(),
        reverse("cooperation:feed", kwargs={"year": open_edition.year}),
        reverse("cooperation:atom", kwargs={"year": open_edition.year}),
        reverse("api:list_cooperation_items"),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert "secret.offer@example.org" not in content, url
        assert "1234 5678" not in content, url
        assert "Zhang Secret" not in content, url


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"kind": "offer"}, "offer"),
        ({"kind": "need"}, "need"),
        ({"category": "partner_sought"}, "need"),
        ({"organization_type": "enterprise"}, "need"),
        ({"country": "DE"}, "need"),
        ({"q": "scheduling"}, "need"),
        ({"q": "高强钢"}, "offer"),
        ({"q": "steel rolling"}, "offer"),
    ],
)
def test_filters_and_search_narrow_the_board(client, open_edition, board, query, shown):
    offer, need = board
    expected, other = (offer, need) if shown == "offer" else (need, offer)
    content = client.get(board_url(open_edition, **query)).content.decode()
    assert expected.title_en in content
    assert other.title_en not in content
    assert "1 offer or need" in content


def test_filter_by_focus_field_and_counts_per_field(client, open_edition, board, topics):
    offer, need = board
    content = client.get(board_url(open_edition)).content.decode()
    assert f'href="?topic={topics[0].pk}">Metallurgy and Metal Materials</a>' in content
    assert "1 item" in content
    filtered = client.get(board_url(open_edition, topic=topics[1].pk)).content.decode()
    assert need.title_en in filtered and offer.title_en not in filtered


def test_a_wrong_filter_value_is_ignored_not_an_error(client, open_edition, board):
    response = client.get(board_url(open_edition, kind="nonsense", topic="abc", country="XX"))
    assert response.status_code == 200
    assert "2 offers and needs" in response.content.decode()


def test_no_match_says_so(client, open_edition, board):
    content = client.get(board_url(open_edition, q="unobtainium")).content.decode()
    assert "No offers or needs match these filters." in content


def test_the_board_of_an_unknown_or_unpublished_edition_is_404(client, db):
    hidden = EditionFactory(is_published=False)
    assert client.get(board_url(hidden)).status_code == 404
    assert client.get("/1999/cooperation/").status_code == 404


def test_an_item_page_has_a_clean_address_and_falls_back_to_english(client, board):
    offer, need = board
    need_url, offer_url = need.get_absolute_url(), offer.get_absolute_url()
    assert need_url == f"/{need.edition.year}/cooperation/{need.slug}/"
    response = client.get("/zh-hans" + need_url)
    content = response.content.decode()
    assert response.status_code == 200
    # No Chinese title: the English one shows.
    assert "Partner for edge computing" in content
    chinese = client.get("/zh-hans" + offer_url).content.decode()
    assert "高强钢轧制技术许可" in chinese


def test_an_unpublished_item_page_is_404(client, open_edition, item_of):
    item = item_of(status=ItemStatus.SUBMITTED, published_at=None)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_the_board_works_in_chinese(client, open_edition, board):
    response = client.get("/zh-hans" + board_url(open_edition))
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()


def test_pages_continue_with_the_filters(client, open_edition, item_of):
    for _ in range(31):
        item_of(kind=Kind.NEED, category=Category.TALENT)
    content = client.get(board_url(open_edition, kind="need")).content.decode()
    assert 'href="?kind=need&amp;page=2"' in content


def test_the_feeds_list_new_items(client, open_edition, board):
    offer, _need = board
    rss = client.get(reverse("cooperation:feed", kwargs={"year": open_edition.year}))
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "Licence for high-strength steel rolling" in rss.content.decode()
    assert "Waiting for moderation" not in rss.content.decode()
    atom = client.get(reverse("cooperation:atom", kwargs={"year": open_edition.year}))
    assert atom["Content-Type"].startswith("application/atom+xml")


def test_publishing_an_item_refreshes_the_cached_board(client, open_edition, item_of):
    from cooperation import services

    url = board_url(open_edition)
    item = item_of(title_en="Fresh item", status=ItemStatus.SUBMITTED, published_at=None)
    assert "Fresh item" not in client.get(url).content.decode()
    services.publish_item(item=item)
    assert "Fresh item" in client.get(url).content.decode()


def build_board(count: int):
    """An edition with ``count`` published items over three focus fields, written in bulk."""
    edition = EditionFactory(year=2022, is_current=True)
    topics = [TopicFactory(edition=edition) for _ in range(3)]
    now = timezone.now()
    items = CooperationItem.objects.bulk_create(
        CooperationItem(
            edition=edition,
            kind=Kind.OFFER if i % 2 else Kind.NEED,
            category=Category.JOINT_RESEARCH if i % 2 else Category.TALENT,
            title_en=f"Item {i}",
            title_zh_hans=f"条目{i}",
            description_en="About it.",
            organization_name=f"Organization {i % 7}",
            organization_type=CooperationItem.OrganizationType.UNIVERSITY,
            country=["CN", "DE", "RU", "KR"][i % 4],
            contact_name="Contact",
            contact_email="contact@example.org",
            status=ItemStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=i),
            slug=f"item-{i}",
        )
        for i in range(count)
    )
    Through = CooperationItem.topics.through
    Through.objects.bulk_create(
        Through(cooperationitem_id=item.pk, topic_id=topics[i % 3].pk)
        for i, item in enumerate(items)
    )
    return edition, items[0], topics[0]


EXPECTED_QUERIES = {"board": 8, "filtered": 8, "item": 5, "feed": 3, "api": 4}


@pytest.mark.parametrize("size", [20, 2000])
@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_board_pages_cost_the_same_queries_at_20_and_2000_items(
    page_cache_off, client, django_assert_num_queries, size, name
):
    edition, item, topic = build_board(size)
    urls = {
        "board": board_url(edition),
        "filtered": board_url(edition, kind="offer", topic=topic.pk, q="Item", country="DE"),
        "item": item.get_absolute_url(),
        "feed": reverse("cooperation:feed", kwargs={"year": edition.year}),
        "api": reverse("api:list_cooperation_items") + f"?edition={edition.year}",
    }
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(urls[name])
    assert response.status_code == 200


def test_sample_items_carry_a_label(client, open_edition, item_of):
    item_of(is_sample=True)
    assert "badge--sample" in client.get(board_url(open_edition)).content.decode()


def test_the_main_menu_links_the_current_editions_board(client, open_edition):
    open_edition.is_current = True
    open_edition.save()
    content = client.get("/").content.decode()
    assert board_url(open_edition) in content
