"""The admin's history of organizers' changes: browse, revert, recover deleted objects."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from modeltranslation.translator import translator

from events.history import TRACKED_MODELS
from events.models import NewsArticle, Session, SessionLink, SessionSpeaker
from tests.admin_forms import form_values, submit
from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    OrganizationFactory,
    OrganizerRoleFactory,
    PageFactory,
    SessionFactory,
    SpeakerFactory,
    SubForumFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"admin:events_{model._meta.model_name}_{view}", args=args)


def revert_url(record):
    model = record.instance_type
    return url(model, "simple_history", record.instance.pk, record.history_id)


def edit_title(client, session, title):
    response = submit(
        client, url(Session, "change", session.pk), "session_form", {"title_en": title}
    )
    assert response.status_code == 302, response.context["errors"]


@pytest.mark.parametrize(
    "model", translator.get_registered_models(abstract=False), ids=lambda m: m.__name__
)
def test_history_keeps_every_language_of_translated_fields(model):
    history_fields = {field.name for field in model.history.model._meta.fields}
    for name in translator.get_options_for_model(model).all_fields:
        assert {f"{name}_en", f"{name}_zh_hans"} <= history_fields


def test_an_admin_edit_of_a_session_title_is_kept_with_its_author(client, organizer):
    session = SessionFactory(title_en="Digital twins")
    edit_title(client, session, "Digital twins in industry")
    latest = session.history.first()
    assert latest.title_en == "Digital twins in industry"
    assert latest.history_type == "~"
    assert latest.history_user == organizer
    assert latest.prev_record.title_en == "Digital twins"


def test_reverting_through_the_history_pages_restores_the_old_title(client, organizer):
    session = SessionFactory(title_en="Digital twins", title_zh_hans="数字孪生")
    edit_title(client, session, "A mistaken title")
    history_page = client.get(url(Session, "history", session.pk))
    assert history_page.status_code == 200
    assert "A mistaken title" in history_page.content.decode()
    original = session.history.earliest()

    response = submit(client, revert_url(original), "historicalsession_form")

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title_en, session.title_zh_hans) == ("Digital twins", "数字孪生")
    assert session.history.first().history_user == organizer


def test_a_revert_changes_only_what_the_form_edits(client, organizer):
    session = SessionFactory(title_en="Digital twins")
    edit_title(client, session, "A mistaken title")
    original = session.history.earliest()
    # A field the form does not hold, changed since that version.
    Session.objects.filter(pk=session.pk).update(title="stale copy of the default language")

    submit(client, revert_url(original), "historicalsession_form")

    session.refresh_from_db()
    assert session.title_en == "Digital twins"
    assert session.guid == original.guid


def test_reverting_needs_the_permission_to_change(client):
    session = SessionFactory(title_en="Digital twins")
    session.title_en = "Changed since"
    session.save()
    viewer = get_user_model().objects.create_user("vera", password="a-long-password", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_session", content_type__app_label="events")
    )
    client.force_login(viewer)
    page = client.get(revert_url(session.history.earliest()))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    response = client.post(revert_url(session.history.earliest()), {"_save": "1"})

    assert response.status_code == 403
    session.refresh_from_db()
    assert session.title_en == "Changed since"


def test_a_deleted_session_is_recovered_with_its_speaker(client, organizer):
    speaker = SpeakerFactory()
    session = SessionFactory(title_en="Digital twins", with_speakers=[speaker])
    pk = session.pk
    response = client.post(url(Session, "delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=pk).exists()
    assert not SessionSpeaker.objects.filter(session_id=pk).exists()

    listing = client.get(url(Session, "changelist"))
    assert url(Session, "recover") in listing.content.decode()
    recover_page = client.get(url(Session, "recover"))
    assert "Digital twins" in recover_page.content.decode()
    (record,) = recover_page.context["page_obj"].object_list
    assert record.history_user == organizer

    assert submit(client, revert_url(record), "historicalsession_form").status_code == 302
    (link_record,) = client.get(url(SessionSpeaker, "recover")).context["page_obj"].object_list
    assert (
        submit(client, revert_url(link_record), "historicalsessionspeaker_form").status_code == 302
    )

    session = Session.objects.get(pk=pk)
    assert session.title_en == "Digital twins"
    assert list(session.speakers.all()) == [speaker]
    assert not client.get(url(Session, "recover")).context["page_obj"].object_list


def test_the_recover_page_lists_only_objects_still_deleted(client, organizer):
    kept = SessionFactory(title_en="Still here")
    gone = SessionFactory(title_en="Deleted for good")
    recovered = SessionFactory(title_en="Deleted then recovered")
    gone.delete()
    recovered_pk = recovered.pk
    recovered.delete()
    recovered.history.model.objects.filter(id=recovered_pk).earliest().instance.save()

    content = client.get(url(Session, "recover")).content.decode()

    assert "Deleted for good" in content
    assert "Deleted then recovered" not in content
    assert kept.title_en not in content


def test_reverting_a_sub_forum_restores_its_focus_fields_and_chairs(client, organizer):
    sub_forum = SubForumFactory()
    old_topic = TopicFactory(edition=sub_forum.edition)
    chair = SpeakerFactory()
    sub_forum.topics.add(old_topic)
    sub_forum.chairs.add(chair)
    before = sub_forum.history.first()
    sub_forum.topics.set([TopicFactory(edition=sub_forum.edition)])
    sub_forum.chairs.clear()

    assert submit(client, revert_url(before), "historicalsubforum_form").status_code == 302

    assert list(sub_forum.topics.all()) == [old_topic]
    assert list(sub_forum.chairs.all()) == [chair]


def one_of_each(model):
    edition = EditionFactory()
    session = SessionFactory(edition=edition, with_speakers=[SpeakerFactory()])
    made = {
        "Edition": edition,
        "Series": edition.series,
        "Organization": OrganizationFactory(),
        "OrganizerRole": OrganizerRoleFactory(edition=edition),
        "Topic": TopicFactory(edition=edition),
        "Room": session.room,
        "SubForum": SubForumFactory(edition=edition),
        "Session": session,
        "SessionSpeaker": session.session_speakers.get(),
        "SessionLink": SessionLink.objects.create(
            session=session, title="Slides", url="https://example.org/slides.pdf"
        ),
        "Speaker": session.speakers.get(),
        "NewsArticle": NewsArticleFactory(),
        "Page": PageFactory(),
    }
    return made[model.__name__]


@pytest.mark.parametrize("model", TRACKED_MODELS, ids=lambda m: m.__name__)
def test_every_model_has_history_revert_and_recover_pages(client, organizer, model):
    obj = one_of_each(model)
    assert client.get(url(model, "history", obj.pk)).status_code == 200
    assert client.get(revert_url(obj.history.earliest())).status_code == 200
    assert client.get(url(model, "recover")).status_code == 200


@pytest.mark.parametrize(
    "path", ["abc/history/", "1/history/abc/", "abc/history/1/", "999999/history/"]
)
def test_malformed_or_unknown_history_addresses_are_not_found(client, organizer, path):
    assert client.get(url(Session, "changelist") + path).status_code == 404


def test_staff_without_view_permission_cannot_list_deleted_objects(client):
    SessionFactory().delete()
    stranger = get_user_model().objects.create_user(
        "sam", password="a-long-password", is_staff=True
    )
    client.force_login(stranger)
    assert client.get(url(Session, "recover")).status_code == 403


def test_sub_forum_history_records_chairs_changes():
    sub_forum = SubForumFactory()
    sub_forum.chairs.add(SpeakerFactory())
    latest, previous = sub_forum.history.all()[:2]
    delta = latest.diff_against(previous)
    assert "chairs" in delta.changed_fields


def test_a_past_version_of_a_session_shows_its_times_on_the_editions_clock(client, organizer):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    edition = EditionFactory(time_zone="Europe/Berlin")
    start = datetime.datetime.combine(edition.start_date, datetime.time(9), tzinfo=berlin)
    session = SessionFactory(edition=edition, start=start, end=start + datetime.timedelta(hours=1))

    page = client.get(revert_url(session.history.earliest()))

    assert form_values(page.content.decode(), "historicalsession_form")["start_1"] == "09:00:00"


def test_publishing_from_the_list_is_kept_in_the_history(client, organizer):
    article = NewsArticleFactory(status=NewsArticle.Status.DRAFT)

    client.post(
        url(NewsArticle, "changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )

    latest = article.history.first()
    assert (latest.status, latest.history_user) == (NewsArticle.Status.PUBLISHED, organizer)


def test_marking_an_edition_current_keeps_the_unmarking_of_the_previous_in_history():
    previous = EditionFactory(is_current=True)

    EditionFactory(is_current=True)

    assert previous.history.first().is_current is False
    assert previous.history.count() == 2
