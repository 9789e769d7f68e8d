"""A session's language, interpretation, subtitle, description, links, attachments and kind, and
an edition's day change: shown on the pages, filterable, and in every export."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.models import Session, SessionLink
from tests.events.test_discoverability import json_ld
from tests.factories import SHANGHAI, EditionFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def edition():
    return EditionFactory(year=2022)


@pytest.fixture
def keynote(edition):
    session = SessionFactory(
        edition=edition,
        kind=Session.Kind.KEYNOTE,
        title_en="Steel and data",
        subtitle_en="From process models to the whole plant",
        description_en="The long description.",
        language="en",
        interpretation_language="zh",
        start=at(edition.start_date, 9),
        end=at(edition.start_date, 10),
    )
    SessionLink.objects.create(
        session=session,
        kind=SessionLink.Kind.ATTACHMENT,
        title_en="Slides",
        title_zh_hans="幻灯片",
        url="https://files.example.org/steel.pdf",
    )
    SessionLink.objects.create(session=session, title="Paper", url="https://example.org/paper")
    return session


def test_session_page_shows_language_interpretation_subtitle_description_and_links(client, keynote):
    page = client.get(keynote.get_absolute_url()).content.decode()
    for text in (
        "English (interpreted into Chinese)",
        "From process models to the whole plant",
        "The long description.",
        'href="https://files.example.org/steel.pdf"',
        'href="https://example.org/paper"',
    ):
        assert text in page
    # The English page shows the English title of an English talk: no lang of its own.
    assert "<h1>Steel and data</h1>" in page
    chinese = client.get(f"/zh-hans{keynote.get_absolute_url()}").content.decode()
    assert "英语（同传：中文）" in chinese


def test_a_session_in_another_language_marks_its_texts_with_it(client, edition):
    session = SessionFactory(edition=edition, title_en="Löten ohne Blei", language="de")
    page = client.get(session.get_absolute_url()).content.decode()
    assert '<h1 lang="de">Löten ohne Blei</h1>' in page
    program = client.get(f"/{edition.year}/program/").content.decode()
    assert 'lang="de"><a href="' in program and "German" in program


def test_json_ld_in_language_is_the_sessions_with_its_interpretation(client, keynote, edition):
    [event] = json_ld(client.get(keynote.get_absolute_url()).content.decode())
    assert event["inLanguage"] == ["en", "zh"]
    unknown = SessionFactory(edition=edition, start=at(edition.start_date, 11))
    [event] = json_ld(client.get(unknown.get_absolute_url()).content.decode())
    assert "inLanguage" not in event  # not the page's language, which says nothing of it


def test_program_filters_by_language_given_or_interpreted(client, keynote, edition):
    SessionFactory(edition=edition, title_en="Ein Vortrag", language="de")
    page = client.get(f"/{edition.year}/program/").content.decode()
    assert '<option value="de">German</option>' in page
    chinese = client.get(f"/{edition.year}/program/?language=zh").content.decode()
    assert "Steel and data" in chinese and "Ein Vortrag" not in chinese
    german = client.get(f"/{edition.year}/program/?language=de").content.decode()
    assert "Ein Vortrag" in german and "Steel and data" not in german
    response = client.get(f"/{edition.year}/program/?language=fr")
    assert response.status_code == 400
    assert "No session of this program is in that language." in response.content.decode()


def test_calendar_event_carries_language_subtitle_and_links(client, keynote, edition):
    response = client.get(reverse("events:session_ical", args=[edition.year, keynote.pk]))
    [event] = Calendar.from_ical(response.getvalue()).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert "Language: English (interpreted into Chinese)" in description
    assert "From process models to the whole plant" in description
    assert "Slides: https://files.example.org/steel.pdf" in description


def test_api_session_has_the_new_fields(client, keynote):
    data = client.get(f"/api/sessions/{keynote.pk}/").json()
    assert (data["language"], data["interpretation_language"]) == ("en", "zh")
    assert data["subtitle"]["en"] == "From process models to the whole plant"
    assert data["description"]["en"] == "The long description."
    assert data["links"] == [
        {"title": {"en": "Paper", "zh-hans": "Paper"}, "url": "https://example.org/paper"}
    ]
    assert data["attachments"] == [
        {
            "title": {"en": "Slides", "zh-hans": "幻灯片"},
            "url": "https://files.example.org/steel.pdf",
        }
    ]


def test_frab_exports_carry_language_subtitle_description_links_and_attachments(
    client, keynote, edition
):
    document = json.loads(client.get(f"/{edition.year}/schedule.json").getvalue())
    [day] = [d for d in document["schedule"]["conference"]["days"] if d["rooms"]]
    [event] = next(iter(day["rooms"].values()))
    assert event["language"] == "en" and event["subtitle"].startswith("From process")
    assert event["description"] == "The long description."
    assert event["links"] == [{"url": "https://example.org/paper", "title": "Paper"}]
    assert event["attachments"] == [
        {"url": "https://files.example.org/steel.pdf", "title": "Slides"}
    ]


def test_link_titles_follow_the_language_of_the_page_and_the_export(client, keynote, edition):
    path = keynote.get_absolute_url()
    english = client.get(path).content.decode()
    assert ">Slides</a>" in english and "幻灯片" not in english
    chinese = client.get(f"/zh-hans{path}").content.decode()
    assert ">幻灯片</a>" in chinese
    assert ">Paper</a>" in chinese  # no Chinese title: the English one, as for other texts
    document = json.loads(client.get(f"/zh-hans/{edition.year}/schedule.json").getvalue())
    [day] = [d for d in document["schedule"]["conference"]["days"] if d["rooms"]]
    [event] = next(iter(day["rooms"].values()))
    assert event["attachments"] == [
        {"url": "https://files.example.org/steel.pdf", "title": "幻灯片"}
    ]
    xml = client.get(f"/zh-hans/{edition.year}/schedule.xml").getvalue().decode()
    assert ">幻灯片</attachment>" in xml
    with translation.override("zh-hans"):
        url = reverse("events:session_ical", args=[edition.year, keynote.pk])
    [event] = Calendar.from_ical(client.get(url).getvalue()).walk("VEVENT")
    assert "幻灯片: https://files.example.org/steel.pdf" in str(event["DESCRIPTION"])


def test_a_kind_of_its_own_is_shown_and_exported_under_its_name(client, edition):
    session = SessionFactory(edition=edition, kind=Session.Kind.OTHER, kind_name="Poster session")
    assert "Poster session" in client.get(session.get_absolute_url()).content.decode()
    assert "Poster session" in client.get(f"/{edition.year}/program/").content.decode()
    document = json.loads(client.get(f"/{edition.year}/schedule.json").getvalue())
    types = [
        event["type"]
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert types == ["Poster session"]


def test_rules_for_kind_name_and_interpretation(edition):
    session = SessionFactory.build(
        edition=edition,
        kind=Session.Kind.TALK,
        kind_name="Hackathon",
        language="en",
        interpretation_language="en",
        room=None,
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert set(error.value.message_dict) == {"kind_name", "interpretation_language"}


def test_day_change_puts_a_late_session_on_the_day_before(client):
    edition = EditionFactory(year=2022, day_change=datetime.time(4, 0))
    first, second = edition.start_date, edition.end_date
    late = SessionFactory(
        edition=edition, title_en="Night session", start=at(second, 1), end=at(second, 2)
    )
    SessionFactory(edition=edition, title_en="Morning talk", start=at(second, 9))
    assert edition.conference_day(late.start) == first
    assert list(Session.objects.for_day(first, edition)) == [late]
    program = client.get(f"/{edition.year}/program/?day={first}").content.decode()
    assert "Night session" in program and "Morning talk" not in program
    page = client.get(late.get_absolute_url()).content.decode()
    assert f"/{edition.year}/program/#day-{first}" in page  # back to where the program lists it
    # Within the edition's conference days, though after its last date at midnight.
    last = SessionFactory.build(
        edition=edition, start=at(second + datetime.timedelta(days=1), 2), room=None
    )
    last.end = last.start + datetime.timedelta(minutes=30)
    last.clean()
    document = json.loads(client.get(f"/{edition.year}/schedule.json").getvalue())
    days = document["schedule"]["conference"]["days"]
    assert [day["date"] for day in days] == [str(first), str(second)]
    assert days[0]["day_end"] == f"{second}T04:00:00+08:00"
    assert "Night session" in json.dumps(days[0], ensure_ascii=False)


def test_the_link_admin_searches_and_edits_both_titles(admin_client, keynote):
    changelist = admin_client.get("/admin/events/sessionlink/", {"q": "幻灯片"})
    assert [link.title_en for link in changelist.context["cl"].result_list] == ["Slides"]
    link = keynote.links.get(kind=SessionLink.Kind.ATTACHMENT)
    page = admin_client.get(f"/admin/events/sessionlink/{link.pk}/change/").content.decode()
    assert 'name="title_en"' in page and 'name="title_zh_hans"' in page
