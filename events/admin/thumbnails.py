"""Uploaded images (logos, photos, covers) shown small in lists and forms."""

from django.contrib import admin
from django.template.loader import render_to_string


def image_thumbnail(image, *, height=48):
    """An uploaded image as a small preview, or the admin's empty marker."""
    if not image:
        return admin.site.empty_value_display
    return render_to_string(
        "admin/events/partials/thumbnail.html", {"url": image.url, "height": height}
    )


def thumbnail_column(field_name, description, *, height=48):
    """A ModelAdmin method showing ``field_name`` small (list column or read-only field)."""

    @admin.display(description=description)
    def column(self, obj):
        return image_thumbnail(getattr(obj, field_name), height=height)

    return column
