"""The declared classification of a registration's fields, and everything that reads it.

A new field on `Registration` fails the first test until it is declared in
`attendees/models/registration_fields.py` (docs/attendees.md, "The fields of a registration").
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from attendees import links, services
from attendees.admin.registration import RegistrationAdmin
from attendees.documents.badges import render_badges
from attendees.documents.certificates import render_certificate
from attendees.documents.letters import render_visa_letter
from attendees.exports import RegistrationResource, RegistrationWithPassportResource
from attendees.forms import DetailsForm, RegistrationForm
from attendees.models import Registration
from attendees.models.registration_fields import BY_NAME, FIELDS, Use, names
from attendees.personal_data import registration_data
from attendees.signals import exported_data
from tests.admin_forms import form_values
from tests.factories import EditionFactory, RegistrationFactory, SubForumFactory

pytestmark = pytest.mark.django_db


def model_field_names() -> list[str]:
    """Every field stored for a registration: its columns (translated or derived ones
    included, as django-modeltranslation adds them as columns) and its many-to-many fields."""
    meta = Registration._meta
    return [field.name for field in [*meta.concrete_fields, *meta.many_to_many]]


def test_every_field_of_a_registration_is_classified():
    unclassified = [name for name in model_field_names() if name not in BY_NAME]
    assert not unclassified, (
        f"Declare {unclassified} in attendees/models/registration_fields.py: who may edit it, "
        "whether it is exported, downloaded, erased, printed (docs/attendees.md)."
    )


def test_the_classification_names_only_fields_that_exist_once():
    names_ = [field.name for field in FIELDS]
    assert len(names_) == len(set(names_))
    assert set(names_) == set(model_field_names())


def test_the_classification_is_consistent():
    for field in FIELDS:
        uses = field.uses
        if Use.EDITABLE in uses:
            # What the attendee edits, organizers may correct; it was asked in the first place.
            assert {Use.ASKED, Use.ORGANIZER_EDITABLE} <= uses, field.name
        if Use.ORGANIZER_EDITABLE in uses:
            assert field.section is not None, field.name
        if Use.MASKED in uses:
            # Masked through the personal link, and seen by staff only with the permission.
            assert Use.PASSPORT in uses, field.name
        if Use.PASSPORT in uses:
            # A copy in every version of the history would outlive the letter it was for.
            assert {Use.UNVERSIONED, Use.ERASED} <= uses, field.name
        if Use.ASKED in uses and field.name not in ("mode", "sub_forums", "privacy_consent_at"):
            # Someone typed or chose it: their own copy of it is part of "everything we store".
            assert Use.PERSONAL_DATA in uses, field.name


def test_the_forms_have_the_declared_fields():
    edition = EditionFactory()
    SubForumFactory(edition=edition)
    registration_form = RegistrationForm(edition=edition)
    asked = [n for n in names(Use.ASKED) if n != "privacy_consent_at"]
    assert [n for n in registration_form.fields if n != "privacy_consent"] == asked
    assert "privacy_consent" in registration_form.fields
    assert tuple(DetailsForm().fields) == names(Use.EDITABLE) == services.EDITABLE_FIELDS


def test_the_history_keeps_no_copy_of_unversioned_fields():
    versioned = {field.name for field in Registration.history.model._meta.fields}
    assert not versioned & set(names(Use.UNVERSIONED))
    assert set(names(Use.ERASED, without=Use.UNVERSIONED)) <= versioned


def test_the_exports_have_the_declared_columns():
    assert tuple(RegistrationResource().get_export_order()) == names(
        Use.EXPORTED, without=Use.PASSPORT
    )
    assert tuple(RegistrationWithPassportResource().get_export_order()) == names(Use.EXPORTED)


def test_the_personal_data_download_has_the_declared_keys(client, confirmed, open_edition):
    registration = confirmed(edition=open_edition)
    # With what the apps above attendees hold about the attendee (attendees.signals).
    declared = {*names(Use.PERSONAL_DATA), "documents", *exported_data(registration)}
    assert set(registration_data(registration)) == declared
    response = client.get(links.manage_path(registration, "attendees:download_data"))
    assert set(json.loads(response.content)) == declared


def test_the_admin_edits_what_organizers_may_edit_and_shows_the_rest(client, admin_user):
    registration = RegistrationFactory(
        needs_visa_letter=True, nationality="DE", public_listing_consent=True
    )
    client.force_login(admin_user)
    response = client.get(reverse("admin:attendees_registration_change", args=[registration.pk]))
    posted = form_values(response.content, "registration_form")
    editable = {name for name in posted if name in BY_NAME}
    assert editable == set(names(Use.ORGANIZER_EDITABLE))
    shown = {name for _title, options in RegistrationAdmin.fieldsets for name in options["fields"]}
    assert shown == {field.name for field in FIELDS if field.section is not None}


def test_retention_erases_exactly_the_declared_fields():
    end = timezone.localdate() - datetime.timedelta(days=400)
    registration = RegistrationFactory(
        edition=EditionFactory(start_date=end, end_date=end),
        name="Ivan Petrov",
        name_original="Иван Петров",
        organization="Ural Federal University",
        position="Professor",
        needs_visa_letter=True,
        nationality="RU",
        passport_number="75 1234567",
        date_of_birth=datetime.date(1970, 5, 4),
        dietary_needs="vegetarian",
        accessibility_needs="wheelchair",
    )
    before = Registration.objects.get(pk=registration.pk)

    services.anonymize(registration=registration)

    after = Registration.objects.get(pk=registration.pk)
    changed = {
        field.attname
        for field in Registration._meta.concrete_fields
        if getattr(after, field.attname) != getattr(before, field.attname)
    }
    assert changed == {*names(Use.ERASED), "anonymized_at", "updated_at"}


# --- what the documents print --------------------------------------------------------------------

# A value no document prints by chance, for every text field an attendee or organizer fills in.
TEXT_VALUES = {
    "name": "Zyxname Qwerty",
    "name_original": "Original Vbnmscript",
    "organization": "Organization Plokij",
    "position": "Position Mnbvcx",
    "dietary_needs": "Dietary Lkjhgf",
    "accessibility_needs": "Accessibility Poiuyt",
    "passport_number": "PASS998877",
    "email": "printed-check@example.org",
}


@pytest.fixture
def printable(started_edition, organizer):
    registration = services.confirm_email(
        registration=RegistrationFactory(
            edition=started_edition,
            needs_visa_letter=True,
            nationality="DE",
            date_of_birth=datetime.date(1980, 5, 1),
            **TEXT_VALUES,
        )
    )
    services.check_in(registration=registration, by=organizer)
    return Registration.objects.select_related("edition").get(pk=registration.pk)


def assert_prints_exactly_the_declared_text(text: str, use: Use):
    for name, value in TEXT_VALUES.items():
        if use in BY_NAME[name].uses:
            assert value in text, f"{name} is declared {use} but not printed"
        else:
            assert value not in text, f"{name} is printed but not declared {use}"


def test_the_badge_prints_the_text_fields_declared_badge(printable, pdf_text):
    assert_prints_exactly_the_declared_text(pdf_text(render_badges([printable])), Use.BADGE)


def test_the_letter_prints_the_text_fields_declared_visa_letter(printable, organizer, pdf_text):
    letter = services.issue_visa_letter(registration=printable, by=organizer)
    text = pdf_text(render_visa_letter(letter, "en"))
    assert_prints_exactly_the_declared_text(text, Use.VISA_LETTER)


def test_the_certificate_prints_the_text_fields_declared_certificate(printable, pdf_text):
    certificate = services.issue_certificate(registration=printable)
    text = pdf_text(render_certificate(certificate, "en"))
    assert_prints_exactly_the_declared_text(text, Use.CERTIFICATE)
