"""A sub-forum's sessions, edited on the sub-forum's own page.

Each session takes its edition from the sub-forum (nobody picks the edition again for every
session) and a new one its room. Times are on the edition's clock. Speakers, abstracts, another
room and the links are on the session's full form, one click away ("Change"): the row keeps to
what fits a 1280 px screen beside the admin's menu.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import BaseInlineFormSet
from modeltranslation.admin import TranslationTabularInline

from events.models import Session, SubForum

from .edition_clock import edition_by_id, render_on_clock_of, zone_hint


class SubForumSessionFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        sub_forum = self.instance
        # Before validation, which checks the times against the edition's dates.
        if sub_forum.edition_id:
            form.instance.edition = sub_forum.edition
        if form.instance.pk is None and form.instance.room_id is None:
            # Before validation too, which checks that the room is free then.
            form.instance.room_id = sub_forum.room_id
        return form


class SessionRowForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A table row has no label beside each field: screen readers read the column's name.
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", field.label)

    def _update_errors(self, errors):
        # The room is the sub-forum's and not on the row: a clash in it is the row's error (the
        # admin's form would otherwise fail on an error for a field it does not show).
        if hasattr(errors, "error_dict"):
            row_errors = {}
            for field, messages in errors.error_dict.items():
                key = (
                    field if field == NON_FIELD_ERRORS or field in self.fields else NON_FIELD_ERRORS
                )
                row_errors.setdefault(key, []).extend(messages)
            errors = ValidationError(row_errors)
        super()._update_errors(errors)


class SessionInline(TranslationTabularInline):
    model = Session
    fk_name = "sub_forum"
    form = SessionRowForm
    formset = SubForumSessionFormSet
    fields = ["title", "kind", "start", "end"]
    show_change_link = True
    extra = 1
    ordering = ["start", "pk"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        edition = obj.edition if obj else edition_by_id(request.POST.get("edition"))
        formset.form.base_fields["start"].help_text = zone_hint(edition)
        return formset


class SubForumSessionsMixin:
    """Mix into the sub-forum admin: its sessions inline, their times on the edition's clock."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        edition = edition_by_id(request.POST.get("edition") or request.GET.get("edition"))
        if edition is None and str(object_id or "").isdigit():
            sub_forum = SubForum.objects.filter(pk=object_id).select_related("edition").first()
            edition = sub_forum.edition if sub_forum else None
        return render_on_clock_of(
            edition, super().changeform_view, request, object_id, form_url, extra_context
        )
