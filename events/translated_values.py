"""Translated fields read from ``values()`` rows, as django-modeltranslation reads them.

Pages that list hundreds of rows read them as plain values rather than model instances (an
instance costs far more to build, and each translated attribute looks the language and its
fallbacks up again). ``TranslatedValue`` works the language's order out once per list.
"""

from django.db.models import Model
from django.utils import translation
from modeltranslation import settings as mt_settings
from modeltranslation.fields import NONE
from modeltranslation.thread_context import fallbacks_enabled
from modeltranslation.utils import build_localized_fieldname, resolution_order


class TranslatedValue:
    """One translated field of ``values()`` rows, in the active language.

    As modeltranslation reads it on an instance: the active language first, then its fallback
    languages, skipping empty values. ``columns`` are the per-language columns to select, each
    name preceded by ``prefix`` for a field across a relation (``"speaker__"``).
    """

    def __init__(self, model: type[Model], name: str, prefix: str = ""):
        descriptor = getattr(model, name)
        default = descriptor.field.get_default()
        undefined, fallback = descriptor.fallback_undefined, descriptor.fallback_value
        self.undefined = default if undefined is NONE else undefined
        self.default = fallback if fallback is not NONE and fallbacks_enabled() else default
        languages = resolution_order(translation.get_language(), descriptor.fallback_languages)
        self.order = [prefix + build_localized_fieldname(name, code) for code in languages]
        self.columns = [
            prefix + build_localized_fieldname(name, code)
            for code in mt_settings.AVAILABLE_LANGUAGES
        ]

    def __call__(self, values: dict):
        for column in self.order:
            value = values[column]
            if value is not None and value != self.undefined:
                return value
        return self.default
