"""Each document renders for Latin and Chinese names, checked by extracting the PDF's text."""

import datetime
import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from attendees import services
from attendees.documents import badges, certificates, fonts, letters, program
from attendees.models import Registration
from events import queries
from events.models import Session
from tests.factories import RegistrationFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]


@pytest.fixture
def wang(visa_applicant):
    return visa_applicant(
        name="Wang Jianguo",
        name_original="王建国",
        nationality="SG",
        passport_number="E7654321",
        organization="新加坡国立大学",
        country="SG",
        language="zh-hans",
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_visa_letter_prints_a_latin_name_and_passport_data(
    visa_applicant, organizer, pdf_text, language
):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)

    text = one_line(pdf_text(letters.render_visa_letter(letter, language)))

    assert "Hans Müller" in text
    assert "C01X00T47" in text
    assert letter.display_serial in text
    assert f"/verify/{letter.display_serial}/" in text


def test_the_english_letter_names_the_conference_host_and_signatory(
    visa_applicant, organizer, pdf_text
):
    registration = visa_applicant()
    letter = services.issue_visa_letter(registration=registration, by=organizer)

    text = one_line(pdf_text(letters.render_visa_letter(letter, "en")))

    edition = registration.edition
    assert edition.title_en in text
    assert "Northeastern University" in text
    assert "Wenhua Road" in text
    assert "Zhang San" in text
    assert "Chair of the Organizing Committee" in text
    assert "Germany" in text
    assert "1 May 1980" in text
    assert "Invitation letter" in text


def test_the_chinese_letter_prints_a_chinese_name_and_the_chinese_texts(wang, organizer, pdf_text):
    letter = services.issue_visa_letter(registration=wang, by=organizer)

    text = one_line(pdf_text(letters.render_visa_letter(letter, "zh-hans")))

    assert "王建国" in text
    assert "Wang Jianguo" in text
    assert "E7654321" in text
    assert wang.edition.title_zh_hans in text
    assert "东北大学" in text
    assert "张三" in text
    assert "1980年5月1日" in text
    assert f"/zh-hans/verify/{letter.display_serial}/" in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["Hans Müller", "王建国", "Łukasz Szőke", "Иван Петров"])
def test_the_certificate_prints_names_in_every_script(
    started_edition, organizer, pdf_text, language, name
):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, name=name)
    )
    services.check_in(registration=registration, by=organizer)
    certificate = services.issue_certificate(registration=registration)

    text = one_line(pdf_text(certificates.render_certificate(certificate, language)))

    assert name in text
    assert certificate.display_serial in text


def test_the_chinese_certificate_puts_the_chinese_name_first(wang, organizer, pdf_text):
    services.check_in(registration=wang, by=organizer)
    certificate = services.issue_certificate(registration=wang)

    chinese = pdf_text(certificates.render_certificate(certificate, "zh-hans"))
    english = pdf_text(certificates.render_certificate(certificate, "en"))

    assert chinese.index("王建国") < chinese.index("Wang Jianguo")
    assert english.index("Wang Jianguo") < english.index("王建国")


@pytest.mark.parametrize(
    ("name", "original", "language", "printed"),
    [
        ("Wang Jianguo", "王建国", "en", ("Wang Jianguo", "王建国")),
        ("Wang Jianguo", "王建国", "zh-hans", ("王建国", "Wang Jianguo")),
        ("Olga Ivanova", "Ольга Иванова", "zh-hans", ("Olga Ivanova", "Ольга Иванова")),
        # Hangul is not Chinese: second on Chinese pages, so on the certificate too.
        ("Kim Cheolsu", "김철수", "zh-hans", ("Kim Cheolsu", "김철수")),
        ("Hans Müller", "Hans Müller", "zh-hans", ("Hans Müller", "")),
        ("Hans Müller", "", "zh-hans", ("Hans Müller", "")),
    ],
)
def test_the_certificate_orders_names_as_the_pages_do(name, original, language, printed):
    registration = RegistrationFactory.build(name=name, name_original=original)

    assert certificates.display_names(registration, language) == printed
    with translation.override(language):
        assert (registration.display_name, registration.other_name) == printed


def test_the_certificate_states_the_role_and_the_conference(visa_applicant, organizer, pdf_text):
    registration = visa_applicant(role=Registration.Role.SPEAKER)
    services.check_in(registration=registration, by=organizer)
    certificate = services.issue_certificate(registration=registration)

    text = one_line(pdf_text(certificates.render_certificate(certificate, "en")))

    assert "Certificate of attendance" in text
    assert f"attended {registration.edition.title_en}" in text
    assert "as a speaker." in text


def test_an_online_attendee_s_certificate_says_online(started_edition, pdf_text):
    registration = services.confirm_email(
        registration=RegistrationFactory(edition=started_edition, mode=Registration.Mode.ONLINE)
    )
    services.record_online_presence(registration=registration)
    certificate = services.issue_certificate(registration=registration)

    text = one_line(pdf_text(certificates.render_certificate(certificate, "en")))

    assert "took part online" in text


def test_certificates_in_bulk_are_one_page_each(started_edition, organizer, pdf_text):
    documents = []
    for name, language in [("Hans Müller", "en"), ("王建国", "zh-hans")]:
        registration = services.confirm_email(
            registration=RegistrationFactory(edition=started_edition, name=name, language=language)
        )
        services.check_in(registration=registration, by=organizer)
        documents.append((services.issue_certificate(registration=registration), language))

    content = certificates.render_certificates(documents)

    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == 2
    assert "Hans Müller" in pages[0].extract_text()
    assert "王建国" in pages[1].extract_text()


def test_badges_print_every_name_with_category_and_ticket_code(started_edition, pdf_text):
    people = [
        ("Hans Müller", "", Registration.Category.EXPERT),
        ("Wang Jianguo", "王建国", Registration.Category.POSTGRADUATE),
        ("Anna Ivanova", "Анна Иванова", Registration.Category.PRESS),
    ]
    registrations = [
        services.confirm_email(
            registration=RegistrationFactory(
                edition=started_edition, name=name, name_original=original, category=category
            )
        )
        for name, original, category in people
    ]

    text = pdf_text(badges.render_badges(registrations))

    for name, original, _category in people:
        assert name in text
        assert original in text
    assert "Expert or scholar" in text
    assert "Postgraduate student" in text
    assert "Press" in text
    assert "Germany" not in text  # everyone's country is China in the factory
    assert "China" in text
    for registration in registrations:
        assert registration.ticket_code[:4] in text


def test_badges_fill_a_new_sheet_after_eight(started_edition):
    registrations = RegistrationFactory.create_batch(9, edition=started_edition)

    pages = PdfReader(io.BytesIO(badges.render_badges(registrations))).pages

    assert len(pages) == 2


def test_badges_print_the_role_of_speakers(started_edition, pdf_text):
    registration = RegistrationFactory(edition=started_edition, role=Registration.Role.CHAIR)

    assert "Chair" in pdf_text(badges.render_badges([registration]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_program_lists_days_sessions_rooms_and_speakers(started_edition, pdf_text, language):
    speaker = SpeakerFactory(name="Anna Ivanova")
    SessionFactory(
        edition=started_edition,
        title_en="Steel for a low-carbon future",
        title_zh_hans="面向低碳未来的钢铁",
        with_speakers=[speaker],
    )
    SessionFactory(
        edition=started_edition,
        title_en="Closing words",
        title_zh_hans="闭幕致辞",
        start=datetime.datetime.combine(
            started_edition.end_date, datetime.time(16), tzinfo=started_edition.tzinfo
        ),
    )
    sessions = list(queries.program_sessions(started_edition))

    text = one_line(
        pdf_text(program.render_program(started_edition, sessions, language=language, url="x"))
    )

    if language == "en":
        assert "Steel for a low-carbon future" in text
        assert "Closing words" in text
    else:
        assert "面向低碳未来的钢铁" in text
        assert "闭幕致辞" in text
    assert "Anna Ivanova" in text
    assert "Room" in text or "会议室" in text


@pytest.mark.parametrize(
    ("language", "lunch", "coffee", "keynote"),
    [("en", "Lunch", "Coffee break", "Keynote report"), ("zh-hans", "午餐", "茶歇", "主旨报告")],
)
def test_the_program_names_a_kind_only_where_the_title_does_not(
    started_edition, pdf_text, language, lunch, coffee, keynote
):
    SessionFactory(
        edition=started_edition, kind=Session.Kind.LUNCH, title_en="Lunch", title_zh_hans="午餐"
    )
    SessionFactory(
        edition=started_edition,
        kind=Session.Kind.COFFEE_BREAK,
        title_en="coffee  BREAK",
        title_zh_hans="茶歇",
    )
    SessionFactory(
        edition=started_edition,
        kind=Session.Kind.KEYNOTE,
        title_en="Steel for a low-carbon future",
        title_zh_hans="面向低碳未来的钢铁",
    )
    sessions = list(queries.program_sessions(started_edition))

    text = pdf_text(program.render_program(started_edition, sessions, language=language, url="x"))

    assert text.count(lunch) == 1
    assert text.casefold().count(coffee.casefold()) == 1
    assert keynote in text


def test_text_outside_the_latin_font_goes_to_the_cjk_font():
    assert fonts.runs("王建国 (Wang)", fonts.TEXT.regular) == [
        (fonts.CJK, "王建国 "),
        (fonts.TEXT.regular, "(Wang)"),
    ]
    assert fonts.runs("김민준", fonts.TEXT.regular) == [(fonts.KOREAN, "김민준")]
    assert fonts.runs("Łukasz Иванов", fonts.TEXT.bold) == [(fonts.TEXT.bold, "Łukasz Иванов")]
