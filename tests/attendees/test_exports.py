"""Exports of the registrations list: what the filter selected, readable columns, passport data
only with its permission, and an export permission of its own."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from attendees.exports import RegistrationResource, RegistrationWithPassportResource
from attendees.models import Registration
from tests.factories import RegistrationFactory, SubForumFactory

pytestmark = pytest.mark.django_db

EXPORT = "admin:attendees_registration_export"
CHANGELIST = "admin:attendees_registration_changelist"
CSV_FORMAT, XLSX_FORMAT = "0", "1"
EXPORTER = ("view_registration", "export_registration")

HEADERS = [
    "Registration number",
    "Edition",
    "Name",
    "Name in original script",
    "Email",
    "Organization",
    "Type of organization",
    "Position",
    "Country or region",
    "Category",
    "Role",
    "Participation",
    "Sub-forums",
    "Status",
    "Language",
    "Needs a visa invitation letter",
    "Dietary needs",
    "Accessibility needs",
    "May be named in the public list of participants",
    "Ticket code",
    "Registered at",
    "Email confirmed at",
    "Place granted at",
    "Checked in at",
]
PASSPORT_HEADERS = ["Nationality", "Passport number", "Date of birth"]


def export(client, file_format, resource=RegistrationResource, **filters):
    """POST the export form as the admin page does, every column ticked."""
    ticked = {f"{resource.__name__.lower()}_{name}": "on" for name in resource.Meta.fields}
    url = reverse(EXPORT)
    if filters:
        url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(url, {"format": file_format, "resource": "0", **ticked})


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def selection(open_edition, confirmed):
    """Two confirmed attendees (one French, checked in) and one unconfirmed registration."""
    forum = SubForumFactory(edition=open_edition, title_en="Smart Materials")
    first = confirmed(edition=open_edition, name="Ada Seated", sub_forums=[forum])
    second = confirmed(
        edition=open_edition,
        name="Bea Seated",
        country="FR",
        category=Registration.Category.POSTGRADUATE,
        needs_visa_letter=True,
        nationality="FR",
        passport_number="PASS-12345",
        date_of_birth="1985-04-03",
    )
    Registration.objects.filter(pk=second.pk).update(checked_in_at=second.confirmed_at)
    RegistrationFactory(edition=open_edition, name="Cy Unconfirmed")
    return first, second


def test_the_csv_export_holds_exactly_the_filtered_rows(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    response = export(client, CSV_FORMAT, status__exact="confirmed")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="registrations-' in response["Content-Disposition"]
    assert response.content.startswith(codecs.BOM_UTF8)  # spreadsheets then read UTF-8
    header, *rows = read_csv(response)
    assert header == HEADERS
    assert sorted(row[2] for row in rows) == ["Ada Seated", "Bea Seated"]


def test_the_csv_export_follows_the_search_too(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    _header, *rows = read_csv(export(client, CSV_FORMAT, q="Bea"))
    assert [row[2] for row in rows] == ["Bea Seated"]


def test_the_export_shows_labels_not_stored_codes(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    _header, *rows = read_csv(export(client, CSV_FORMAT, status__exact="confirmed"))
    ada = dict(zip(HEADERS, next(row for row in rows if row[2] == "Ada Seated"), strict=True))
    bea = dict(zip(HEADERS, next(row for row in rows if row[2] == "Bea Seated"), strict=True))
    assert ada["Sub-forums"] == "Smart Materials"
    assert ada["Status"] == "Confirmed"
    assert ada["Participation"] == "On-site"
    assert ada["Type of organization"] == "University"
    assert ada["Country or region"] == "China"
    assert ada["Checked in at"] == ""
    assert bea["Country or region"] == "France"
    assert bea["Category"] == "Postgraduate student"
    assert bea["Needs a visa invitation letter"] == "Yes"
    assert bea["Checked in at"].startswith(str(selection[1].confirmed_at.year))


def test_the_xlsx_export_holds_the_filtered_rows_with_real_dates(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    response = export(client, XLSX_FORMAT, status__exact="confirmed", country__exact="FR")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    header, *rows = read_xlsx(response)
    assert header == HEADERS
    assert len(rows) == 1
    bea = dict(zip(HEADERS, rows[0], strict=True))
    assert bea["Name"] == "Bea Seated"
    # The spreadsheet writes local times: in the evening (UTC) the local date is the next day.
    assert bea["Checked in at"].date() == timezone.localdate(selection[1].confirmed_at)


def test_the_export_action_exports_only_the_ticked_rows(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    ada, _bea = selection
    page = client.post(
        reverse(CHANGELIST), {"action": "export_admin_action", "_selected_action": [ada.pk]}
    )
    assert page.status_code == 200
    ticked = {f"registrationresource_{name}": "on" for name in RegistrationResource.Meta.fields}
    response = client.post(
        reverse(EXPORT), {"format": CSV_FORMAT, "resource": "0", "export_items": [ada.pk], **ticked}
    )
    _header, *rows = read_csv(response)
    assert [row[2] for row in rows] == ["Ada Seated"]


def test_passport_columns_are_absent_without_their_permission(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    header, *rows = read_xlsx(export(client, XLSX_FORMAT))
    assert not set(PASSPORT_HEADERS) & set(header)
    assert "PASS-12345" not in str(rows)
    page = client.get(reverse(EXPORT)).content.decode()
    assert "Passport number" not in page


def test_a_ticked_passport_column_is_ignored_without_the_permission(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    response = export(client, CSV_FORMAT, resource=RegistrationWithPassportResource)
    assert "PASS-12345" not in response.content.decode("utf-8-sig")


def test_passport_columns_are_exported_with_their_permission(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER, "view_passport_data"))
    header, *rows = read_xlsx(
        export(client, XLSX_FORMAT, resource=RegistrationWithPassportResource, q="Bea")
    )
    visa = header.index("Needs a visa invitation letter")
    assert header[visa + 1 : visa + 4] == PASSPORT_HEADERS
    assert rows[0][visa + 1 : visa + 3] == ["France", "PASS-12345"]
    assert rows[0][visa + 3].date().isoformat() == "1985-04-03"


def test_exporting_needs_the_export_permission(client, staff_with, selection):
    client.force_login(staff_with("view_registration"))
    assert client.get(reverse(EXPORT)).status_code == 403
    assert export(client, CSV_FORMAT).status_code == 403
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert reverse(EXPORT) not in page
    assert "export_admin_action" not in page


def test_exporting_needs_the_right_to_read_the_list(client, staff_with, selection):
    client.force_login(staff_with("export_registration"))
    assert export(client, CSV_FORMAT).status_code == 403


def test_the_list_offers_the_export_to_exporters(client, staff_with, selection):
    client.force_login(staff_with(*EXPORTER))
    page = client.get(reverse(CHANGELIST), {"status__exact": "confirmed"}).content.decode()
    assert f"{reverse(EXPORT)}?status__exact=confirmed" in page


def test_text_a_spreadsheet_would_run_as_a_formula_is_defused(client, staff_with, open_edition):
    RegistrationFactory(edition=open_edition, name='=HYPERLINK("http://x.example","click")')
    client.force_login(staff_with(*EXPORTER))
    _header, *rows = read_xlsx(export(client, XLSX_FORMAT))
    assert rows[0][2] == '\'=HYPERLINK("http://x.example","click")'


@pytest.mark.parametrize("count", [1, 3])
def test_the_export_costs_the_same_number_of_queries_for_any_size(
    client, staff_with, open_edition, count
):
    forums = [SubForumFactory(edition=open_edition) for _ in range(2)]
    RegistrationFactory.create_batch(count, edition=open_edition, sub_forums=forums)
    client.force_login(staff_with(*EXPORTER))
    with CaptureQueriesContext(connection) as queries:
        response = export(client, XLSX_FORMAT)
    assert len(read_xlsx(response)) == count + 1
    # Session, user, permissions (2), the list's filter choices (editions, sub-forums), then
    # the registrations: count, one page, their sub-forums.
    assert len(queries) == 9
