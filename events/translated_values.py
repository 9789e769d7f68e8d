"""Translated fields read from ``values()`` rows, as django-modeltranslation reads them.

Pages that list hundreds of rows read them as plain values rather than model instances (an
instance costs far more to build, and each translated attribute looks the language and its
fallbacks up again). ``TranslatedValue`` works the language's order out once per list, from
modeltranslation's public helpers and the project's settings only.

It follows the rule the project's translation options rely on (events/translation.py declares
no ``fallback_values`` and no ``fallback_undefined``): the active language first, then its
fallback languages (``MODELTRANSLATION_FALLBACK_LANGUAGES``), skipping empty values; the
field's default when every language is empty. tests/events/test_listing_rows.py checks that
rows read what the model instances read.
"""

from django.db.models import Model
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


class TranslatedValue:
    """One translated field of ``values()`` rows, in the active language.

    ``columns`` are the per-language columns to select, in the order they are read, each name
    preceded by ``prefix`` for a field across a relation (``"speaker__"``).
    """

    def __init__(self, model: type[Model], name: str, prefix: str = ""):
        self.default = model._meta.get_field(name).get_default()
        self.empty = (None, "", self.default)
        self.columns = [
            prefix + build_localized_fieldname(name, code)
            for code in resolution_order(get_language())
        ]

    def __call__(self, values: dict):
        for column in self.columns:
            value = values[column]
            if value not in self.empty:
                return value
        return self.default
