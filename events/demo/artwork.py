"""Neutral artwork the demo makes for itself with Pillow: no photograph or logo of anyone's.

A cover is a calm gradient with a few translucent circles and the edition's year; a logo is a
rounded badge with initials. Both are generated from their text, so a reload writes the same files.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (1600, 900)
LOGO_SIZE = (480, 240)
BLUE = (11, 58, 117)
DARK = (7, 42, 86)
TEAL = (24, 118, 140)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def cover(label: str) -> ContentFile:
    """A 1600 × 900 PNG cover reading ``label`` (the edition's year)."""
    seed = hashlib.sha256(label.encode()).digest()
    image = Image.new("RGB", COVER_SIZE, DARK)
    draw = ImageDraw.Draw(image)
    width, height = COVER_SIZE
    for x in range(width):
        share = x / width
        colour = tuple(int(DARK[i] + (TEAL[i] - DARK[i]) * share) for i in range(3))
        draw.line([(x, 0), (x, height)], fill=colour)
    overlay = Image.new("RGBA", COVER_SIZE, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for i in range(6):
        radius = 120 + seed[i] * 2
        cx, cy = seed[i + 6] * width // 255, seed[i + 12] * height // 255
        shapes.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], fill=(255, 255, 255, 18)
        )
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    ImageDraw.Draw(image).text(
        (width - 80, height - 60), label, font=_font(160), fill=(255, 255, 255), anchor="rs"
    )
    return ContentFile(_png(image))


def logo(initials: str) -> ContentFile:
    """A 480 × 240 PNG badge with ``initials``, on a transparent ground."""
    image = Image.new("RGBA", LOGO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([4, 4, LOGO_SIZE[0] - 4, LOGO_SIZE[1] - 4], radius=48, fill=BLUE)
    draw.text(
        (LOGO_SIZE[0] // 2, LOGO_SIZE[1] // 2),
        initials,
        font=_font(120),
        fill=(255, 255, 255),
        anchor="mm",
    )
    return ContentFile(_png(image))
