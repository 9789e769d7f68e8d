"""The sizes pages show uploaded images at, made by django-imagekit when the upload is saved.

Pages link these copies, never the uploads themselves (a phone photo can weigh several
megabytes); structured data and OpenGraph keep the original, which other sites crop themselves.
The copies are written when the model is saved (``MadeOnSave``, named in settings.py), so showing
them costs no file-system check and no query; ``manage.py generateimages`` writes any that are
missing (after a restore from an old backup).
"""

import logging

from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

logger = logging.getLogger(__name__)


class MadeOnSave(Optimistic):
    """Imagekit's "optimistic" strategy, except that an unreadable upload never fails the save.

    The row matters more than a resized copy: a file that vanished from the media folder or a
    picture Pillow cannot read is logged, and ``manage.py generateimages`` can retry later.
    """

    def on_source_saved(self, file):
        try:
            super().on_source_saved(file)
        except (OSError, ValueError, SyntaxError):
            logger.warning("Could not make %s from %s", file.name, file.generator.source.name)


def square(source: str, pixels: int) -> ImageSpecField:
    """A square crop for a portrait shown ``pixels / 2`` CSS pixels wide (sharp on 2x screens)."""
    return ImageSpecField(
        source=source,
        processors=[ResizeToFill(pixels, pixels)],
        format="JPEG",
        options={"quality": 85},
    )


def within(source: str, width: int, height: int) -> ImageSpecField:
    """The image scaled down, never up, to fit ``width`` × ``height``."""
    return ImageSpecField(
        source=source,
        processors=[ResizeToFit(width, height, upscale=False)],
        format="JPEG",
        options={"quality": 85},
    )


def logo(source: str, width: int, height: int) -> ImageSpecField:
    """A logo scaled down to fit ``width`` × ``height``, kept as PNG for its transparency."""
    return ImageSpecField(
        source=source, processors=[ResizeToFit(width, height, upscale=False)], format="PNG"
    )
