"""Letters and certificates fit one A4 page in both languages, even with the longest names,
affiliations and addresses the forms accept."""

import io

import pytest
from pypdf import PdfReader

from attendees import services
from attendees.documents import certificates, letters

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]

LONG_NAME = "Maximilian Alexander Friedrich-Wilhelm von Hohenzollern-Sigmaringen " * 3
LONG_ORGANIZATION = (
    "Institute for Advanced Metallurgical Process Engineering and Sustainable Materials, "
    "School of Materials Science and Engineering, Technische Universität Bergakademie Freiberg "
) * 2
LONG_POSITION = "Deputy Director of the Graduate School and Head of International Relations " * 2


def pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def long_edition(started_edition):
    started_edition.title_en = (
        "International Conference on the Cooperation and Integration of Industry, Education, "
        "Research and Application for Sustainable Development along the Belt and Road"
    )
    started_edition.title_zh_hans = "面向“一带一路”可持续发展的国际产学研用合作与融合会议" * 2
    started_edition.venue_en = "Northeastern University International Academic Exchange Centre"
    started_edition.address_en = (
        "No. 3-11, Wenhua Road, Heping District, Shenyang, Liaoning Province 110819, "
        "People's Republic of China"
    )
    started_edition.address_zh_hans = (
        "中华人民共和国辽宁省沈阳市和平区文化路三巷11号东北大学国际学术交流中心"
    )
    started_edition.save()
    host = started_edition.host
    host.name_en = "Northeastern University, School of International Cooperation and Exchange"
    host.address_en = started_edition.address_en
    host.save()
    return started_edition


@pytest.fixture
def long_registration(long_edition, visa_applicant):
    return visa_applicant(
        edition=long_edition,
        name=LONG_NAME.strip()[:200],
        name_original="欧阳司马诸葛慕容上官皇甫建国" * 2,
        organization=LONG_ORGANIZATION.strip()[:300],
        position=LONG_POSITION.strip()[:200],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visa_letter_with_long_particulars_fits_one_page(long_registration, organizer, language):
    letter = services.issue_visa_letter(registration=long_registration, by=organizer)
    assert pages(letters.render_visa_letter(letter, language)) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_ordinary_visa_letter_fits_one_page(visa_applicant, organizer, language):
    letter = services.issue_visa_letter(registration=visa_applicant(), by=organizer)
    assert pages(letters.render_visa_letter(letter, language)) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_certificate_with_long_particulars_fits_one_page(long_registration, organizer, language):
    services.check_in(registration=long_registration, by=organizer)
    certificate = services.issue_certificate(registration=long_registration)
    assert pages(certificates.render_certificate(certificate, language)) == 1
