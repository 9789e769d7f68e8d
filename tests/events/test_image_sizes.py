"""Uploaded images are shown at the sizes pages need, never as the full upload."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import (
    EditionFactory,
    NewsArticleFactory,
    OrganizationFactory,
    OrganizerRoleFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(name: str, size=(3000, 2000)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(data, "JPEG", quality=95)
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]+src="([^"]+)"', html)


def size_of(media, url: str) -> tuple[int, int]:
    path = media / url.removeprefix("/media/")
    with Image.open(path) as image:
        return image.size


def test_speaker_photos_are_shown_as_small_squares(client, edition, media):
    speaker = SpeakerFactory(photo=upload("portrait.jpg"))
    SessionFactory(edition=edition, with_speakers=[speaker])
    upload_bytes = (media / speaker.photo.name).stat().st_size

    listing = client.get(f"/{edition.year}/speakers/").text
    [card] = [src for src in image_sources(listing) if "/media/" in src]
    assert card != speaker.photo.url
    assert size_of(media, card) == (160, 160)
    assert (media / card.removeprefix("/media/")).stat().st_size < upload_bytes / 10

    profile = client.get(f"/{edition.year}/speakers/{speaker.slug}/").text
    [photo] = [src for src in image_sources(profile) if "/media/" in src]
    assert size_of(media, photo) == (360, 360)
    # Other sites that show the page (OpenGraph) get the original to crop themselves.
    assert speaker.photo.url in profile


def test_news_covers_are_scaled_down_never_up(client, edition, media):
    article = NewsArticleFactory(edition=edition, cover_image=upload("cover.jpg"))
    small = NewsArticleFactory(edition=edition, cover_image=upload("small.jpg", (400, 300)))
    listing = client.get("/news/").text
    sizes = sorted(size_of(media, src) for src in image_sources(listing) if "/media/" in src)
    assert sizes == [(400, 300), (800, 533)]
    detail = client.get(article.get_absolute_url()).text
    [cover] = [src for src in image_sources(detail) if "/media/" in src]
    assert size_of(media, cover) == (1600, 1067)
    assert small.cover_image


def test_a_missing_upload_never_fails_the_save(client, edition, caplog):
    speaker = SpeakerFactory(photo="speakers/vanished.jpg")
    assert speaker.pk
    assert "Could not make" in caplog.text


def test_edition_cover_is_resized_for_the_home_page_and_the_archive_and_shared_whole(client, media):
    edition = EditionFactory(year=2024, is_current=True, cover=upload("cover.jpg", (3200, 1800)))
    home = client.get("/").text
    [banner] = [src for src in image_sources(home) if "/media/" in src]
    assert size_of(media, banner) == (1600, 900)
    assert f'<meta property="og:image" content="http://127.0.0.1:8000{edition.cover.url}">' in home
    archive = client.get("/archive/").text
    [card] = [src for src in image_sources(archive) if "/media/" in src]
    assert size_of(media, card) == (640, 360)
    # Other pages of the edition share its cover too.
    assert edition.cover.url in client.get("/2024/program/").text


def test_organization_logo_is_a_small_png_in_the_organizers_list_and_the_footer(client, media):
    data = io.BytesIO()
    Image.new("RGBA", (2000, 1000), (0, 0, 0, 0)).save(data, "PNG")
    host = OrganizationFactory(logo=SimpleUploadedFile("logo.png", data.getvalue()))
    edition = EditionFactory(year=2024, is_current=True, host=host)
    OrganizerRoleFactory(edition=edition, organization=host)
    home = client.get("/").text
    logos = {src for src in image_sources(home) if "/media/" in src}
    [logo] = logos
    assert logo.endswith(".png") and size_of(media, logo) == (320, 160)
    assert home.count(logo) == 2  # the organizers' list and the footer
