"""Speaker cards: on the speakers page, among an edition's keynotes, with a session's speakers."""

import lxml.html
import pytest

from events.models import Session
from tests.factories import SessionFactory, SpeakerFactory, SubForumFactory

pytestmark = pytest.mark.django_db


def cards(client, path: str) -> list[lxml.html.HtmlElement]:
    response = client.get(path)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).xpath(
        '//article[contains(@class, "speaker-card")]'
    )


def text(card: lxml.html.HtmlElement, css_class: str) -> str:
    return " ".join(card.xpath(f'.//*[contains(@class, "{css_class}")]//text()')).strip()


@pytest.fixture
def jane(edition):
    speaker = SpeakerFactory(
        name="Jane Doe",
        slug="jane-doe",
        honorific_en="Prof.",
        honorific_zh_hans="教授",
        position_en="Professor of Metallurgy",
        affiliation_en="Example University",
        affiliation_zh_hans="示例大学",
        country="DE",
    )
    SessionFactory(edition=edition, with_speakers=[speaker])
    return speaker


def test_a_card_reads_in_english(client, edition, jane):
    [card] = cards(client, f"/{edition.year}/speakers/")
    [link] = card.xpath(".//h2/a")
    assert (link.text, link.get("href")) == (
        "Prof. Jane Doe",
        f"/{edition.year}/speakers/jane-doe/",
    )
    assert text(card, "speaker-card__position") == "Professor of Metallurgy"
    assert text(card, "speaker-card__affiliation") == "Example University"
    assert text(card, "speaker-card__country") == "Germany"
    assert text(card, "speaker-card__photo--initial") == "J"


def test_a_card_reads_in_chinese_with_english_where_chinese_is_missing(client, edition, jane):
    [card] = cards(client, f"/zh-hans/{edition.year}/speakers/")
    [link] = card.xpath(".//h2/a")
    assert (link.text, link.get("href")) == (
        "Jane Doe 教授",
        f"/zh-hans/{edition.year}/speakers/jane-doe/",
    )
    assert text(card, "speaker-card__position") == "Professor of Metallurgy"
    assert text(card, "speaker-card__affiliation") == "示例大学"
    assert text(card, "speaker-card__country") == "德国"


def test_empty_fields_and_the_sample_label_show_only_when_they_apply(client, edition):
    plain = SpeakerFactory(
        name="Ann Plain", honorific_en="", honorific_zh_hans="", affiliation_en="", country=""
    )
    sample = SpeakerFactory(name="Bo Sample", is_sample=True)
    SessionFactory(edition=edition, with_speakers=[plain, sample])
    first, second = cards(client, f"/{edition.year}/speakers/")
    assert first.xpath(".//h2/a/text()") == ["Ann Plain"]
    assert not first.xpath('.//p[not(contains(@class, "name-original"))]')
    assert "speaker-card--sample" not in first.get("class")
    assert "speaker-card--sample" in second.get("class")
    assert text(second, "badge--sample") == "Sample entry"


def test_everyone_who_speaks_or_chairs_is_listed_once_by_name(client, edition):
    speaker_and_chair = SpeakerFactory(name="Cara Both")
    chair = SpeakerFactory(name="Abe Chair")
    elsewhere = SpeakerFactory(name="Dan Elsewhere")
    SessionFactory(edition=edition, with_speakers=[speaker_and_chair])
    SessionFactory(edition=edition, with_speakers=[speaker_and_chair])
    SubForumFactory(edition=edition).chairs.add(speaker_and_chair, chair)
    SessionFactory(with_speakers=[elsewhere])
    names = [card.xpath("string(.//h2/a)") for card in cards(client, f"/{edition.year}/speakers/")]
    assert names == ["Prof. Abe Chair", "Prof. Cara Both"]


def test_keynotes_and_a_sessions_speakers_are_shown_as_the_same_cards(client, edition, jane):
    session = SessionFactory(edition=edition, kind=Session.Kind.KEYNOTE, with_speakers=[jane])
    for path in [f"/{edition.year}/", f"/{edition.year}/sessions/{session.pk}/"]:
        [card] = cards(client, path)
        [link] = card.xpath(".//h3/a")
        assert link.get("href") == f"/{edition.year}/speakers/jane-doe/"
        assert text(card, "speaker-card__country") == "Germany"


def test_what_speakers_typed_is_shown_as_text_never_as_markup(client, edition):
    speaker = SpeakerFactory(
        name="Ann <b>Bold</b> & Co", position_en='"Chief" <script>', affiliation_en="A & B"
    )
    SessionFactory(edition=edition, with_speakers=[speaker])
    [card] = cards(client, f"/{edition.year}/speakers/")
    assert card.xpath("string(.//h2/a)") == "Prof. Ann <b>Bold</b> & Co"
    assert text(card, "speaker-card__position") == '"Chief" <script>'
    assert text(card, "speaker-card__affiliation") == "A & B"
    assert not card.xpath(".//b | .//script")
