"""The plain rows behind the program listings and speaker cards read what the models read.

Long listings are built from ``values()`` rows (events/program_listing.py,
events/speaker_cards.py) rather than model instances; these tests hold the rows to what
django-modeltranslation, django-countries and django-imagekit give on an instance, in both
languages and with the fallbacks between them.
"""

import pytest
from django.utils import translation

from events import program_listing
from events.models import Room, Session, Speaker
from events.speaker_cards import loaded_speaker_cards, speaker_cards
from tests.factories import RoomFactory, SessionFactory, SpeakerFactory, SubForumFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]


@pytest.fixture
def speakers():
    return [
        SpeakerFactory(
            name="Both Languages",
            honorific_en="Prof.",
            honorific_zh_hans="教授",
            position_en="Dean",
            position_zh_hans="院长",
            affiliation_en="Example University",
            affiliation_zh_hans="示例大学",
            country="CN",
            photo="speakers/both.jpg",
        ),
        SpeakerFactory(
            name="English Only",
            honorific_en="Dr.",
            honorific_zh_hans="",
            position_en="Engineer",
            affiliation_en="Plant",
            affiliation_zh_hans=None,
            country="TW",
        ),
        SpeakerFactory(
            name="Chinese Only",
            honorific_en="",
            honorific_zh_hans="研究员",
            position_en="",
            position_zh_hans="主任",
            affiliation_en="",
            affiliation_zh_hans="研究所",
            country="",
        ),
        SpeakerFactory(
            name="Nothing Translated",
            honorific_en="",
            honorific_zh_hans="",
            position_en="",
            affiliation_en="",
            country="DE",
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_from_rows_read_as_cards_from_instances(edition, speakers, language):
    ids = [speaker.pk for speaker in speakers]
    with translation.override(language):
        from_rows = speaker_cards(Speaker.objects.filter(pk__in=ids).order_by("pk"), edition)
        instances = list(Speaker.objects.filter(pk__in=ids).order_by("pk"))
        from_instances = loaded_speaker_cards(instances, edition)
        assert from_rows == from_instances
        assert [card["position"] for card in from_rows] == [s.position for s in instances]
        assert from_rows[0]["photo_url"] == instances[0].photo_card.url
        assert from_rows[1]["country"] == str(instances[1].country.name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_session_rows_read_as_the_sessions_do(edition, speakers, language):
    forum = SubForumFactory(edition=edition, title_zh_hans="")
    room = RoomFactory(edition=edition, name_zh_hans="", building_en="", building_zh_hans="东楼")
    SessionFactory(
        edition=edition, sub_forum=forum, room=room, title_zh_hans="", with_speakers=speakers
    )
    SessionFactory(edition=edition, title_en="", title_zh_hans="只有中文", room=None)
    with translation.override(language):
        sessions = Session.objects.filter(edition=edition).order_by("start", "pk")
        rows = program_listing.session_rows(sessions, edition)
        for row, session in zip(rows, sessions, strict=True):
            assert row.title == session.title
            assert row.url == session.get_absolute_url()
            assert row.room == (
                Room.label(session.room.name, session.room.building) if session.room else ""
            )
            assert row.sub_forum == (
                program_listing.SubForumLink(
                    url=session.sub_forum.get_absolute_url(), title=session.sub_forum.title
                )
                if session.sub_forum
                else None
            )
            assert row.kind_label == session.get_kind_display()
            assert row.delivery_label == session.get_delivery_display()
            links = session.session_speakers.order_by("order", "pk")
            assert row.speakers == [
                program_listing.SpeakerLine(
                    url=f"/{'zh-hans/' if language != 'en' else ''}{edition.year}"
                    f"/speakers/{link.speaker.slug}/",
                    name=link.speaker.display_name,
                    affiliation=link.speaker.affiliation,
                )
                for link in links
            ]
