"""A rich-text editor for the fields organizers write HTML in (news, pages, descriptions).

The editor is django-prose-editor's (ProseMirror; scripts, styles and icon font shipped in the
package and served from our static files). Our own module (static/js/admin_rich_text.js)
starts it with the formatting that events/richtext.py keeps, imported by its address: the
package's import map would be an inline script, which the admin's CSP forbids. What the
editor writes is still sanitized with nh3 when the model is saved.
"""

from django import forms
from django.conf import settings

EDITOR_CSS = [
    "django_prose_editor/material-icons.css",
    "django_prose_editor/editor.css",
    "django_prose_editor/overrides.css",
]


class RichTextWidget(forms.Textarea):
    def __init__(self, attrs=None):
        super().__init__({**(attrs or {}), "data-rich-text": ""})

    @property
    def media(self):
        return forms.Media(
            css={"all": EDITOR_CSS},
            js=[forms.Script("js/admin_rich_text.js", type="module")],
        )

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor: the browser could not point at it.
        return False


class RichTextAdminMixin:
    """Mix into a ModelAdmin: ``rich_text_fields`` (and their language columns) get the editor."""

    rich_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        names = {
            f"{base}_{code.replace('-', '_')}"
            for base in self.rich_text_fields
            for code in settings.MODELTRANSLATION_LANGUAGES
        } | set(self.rich_text_fields)
        if db_field.name in names:
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
