"""Which files the import's language check refuses: the texts' script, not the spoken language."""

import datetime
import uuid

import pytest

from events.imports.frab import Event, Schedule
from events.imports.languages import disagreements

START = datetime.datetime(2022, 11, 22, 1, tzinfo=datetime.UTC)


def schedule(*events):
    return Schedule(
        title="ICIE",
        acronym="icie",
        events=[
            Event(
                guid=uuid.uuid4(),
                title=title,
                start=START,
                end=START + datetime.timedelta(hours=1),
                room="Hall A",
                where=f"event {n}",
                language=language,
            )
            for n, (title, language) in enumerate(events)
        ],
    )


@pytest.mark.parametrize(
    ("events", "chosen", "refused"),
    [
        # The English export: a ceremony held in Chinese, under its English title.
        ([("Opening ceremony", "zh"), ("Keynote", "en")], "en", 0),
        # The Chinese export: an English keynote under its Chinese title.
        ([("开幕式", "zh"), ("主旨报告", "en")], "zh-hans", 0),
        # The Chinese export imported as English: Chinese titles into the English fields.
        ([("开幕式", "zh"), ("主旨报告", "en")], "en", 2),
        # An English file imported as Chinese: its English-language events are refused.
        ([("Keynote", "en"), ("Workshop", "en")], "zh-hans", 2),
        # A camp in German and English: German goes into the chosen fields.
        ([("Wie man Stahl kocht", "de"), ("Steel, explained", "en")], "en", 0),
        # No language given, Latin titles: nothing to say.
        ([("Keynote", "")], "zh-hans", 0),
    ],
)
def test_refused_when_the_texts_are_visibly_in_another_site_language(events, chosen, refused):
    messages = disagreements(schedule(*events), chosen)
    if not refused:
        assert messages == []
    else:
        assert messages[0].startswith(f"{refused} events of the file are in")
