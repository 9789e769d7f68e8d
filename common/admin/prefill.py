"""Add forms prefilled from the query string (``?edition=3``) that ignore values that are not ids.

The admin copies query parameters into an add form's initial data; an autocomplete widget
then looks the value up, and a hand-edited ``?edition=abc`` crashed the page with a 500.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError


class ValidPrefillMixin:
    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.is_relation and field.related_model):
                continue
            target = getattr(field, "target_field", field.related_model._meta.pk)
            try:
                for item in value if isinstance(value, list) else [value]:
                    target.to_python(item)
            except ValidationError:
                del initial[name]
        return initial
