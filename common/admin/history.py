"""The history of organizers' changes in the admin: browse, revert, recover deleted objects.

`HistoryAdmin` is django-simple-history's ``SimpleHistoryAdmin`` (the "History" page of an
object lists its versions, who made each and what changed; a version opens as a form with a
"Revert" button) with four changes:

- Reverting needs the right to change (simple-history lets anyone who may view the history
  post the form), and recovering a deleted object the right to add as well.
- Reverting an object that still exists restores what its form edits and nothing else:
  read-only fields (a registration's status, its check-in) keep their current values, so a
  revert cannot bypass the services that change them. The form shows exactly that.
- Many-to-many fields whose history is kept (``simple_history.register(m2m_fields=...)``) are
  restored too.
- "Recover deleted …" above the list leads to the objects deleted since, each with the form
  of its last version: "Revert" puts it back, under its old id.

Mix it in first: ``class SessionAdmin(HistoryAdmin, TranslationAdmin)``.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from .prefill import ValidPrefillMixin

RECOVER_PER_PAGE = 100


class HistoryAdmin(ValidPrefillMixin, SimpleHistoryAdmin):
    change_list_template = "admin/history/change_list.html"
    # An address typed without a scheme gets https://, as Django 6 will do for every URLField.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # False where deleting means erasing (registrations): nothing is left to recover.
    recover_deleted = True

    def get_urls(self):
        opts = self.model._meta
        recover = path(
            "recover/",
            self.admin_site.admin_view(self.recover_deleted_view),
            name=f"{opts.app_label}_{opts.model_name}_recover",
        )
        # Before the default "<object_id>/" addresses, which would swallow it.
        return [recover, *super().get_urls()]

    def _pk_or_404(self, model, value):
        try:
            return model._meta.pk.to_python(unquote(value))
        except (ValidationError, ValueError) as error:
            raise Http404 from error

    def history_view(self, request, object_id, extra_context=None):
        self._pk_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk = self._pk_or_404(self.model, object_id)
        self._pk_or_404(self.model.history.model, version_id)
        if request.method == "POST" and not self._may_revert(request, pk):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _may_revert(self, request, pk) -> bool:
        current = self.model._default_manager.filter(pk=pk).first()
        if current is None:
            return (
                self.recover_deleted
                and self.has_add_permission(request)
                and self.has_change_permission(request)
            )
        return self.has_change_permission(request, current)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or (
            obj is not None and not self._may_revert(request, obj.pk)
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or not hasattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME):
            return form
        return revert_form(form)

    def changelist_view(self, request, extra_context=None):
        opts = self.model._meta
        if self.recover_deleted and self.has_add_permission(request):
            extra_context = {
                **(extra_context or {}),
                "recover_deleted_url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recover"
                ),
            }
        return super().changelist_view(request, extra_context)

    def deleted_records(self):
        """The last version of each object deleted and not recovered, latest deletion first."""
        history = self.model.history
        pk_name = self.model._meta.pk.attname
        latest = (
            history.filter(**{pk_name: OuterRef(pk_name)})
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        return (
            history.filter(history_type="-", history_id=Subquery(latest))
            .exclude(**{f"{pk_name}__in": self.model._default_manager.values("pk")})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )

    def recover_deleted_view(self, request):
        if not self.recover_deleted or not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        page = Paginator(self.deleted_records(), RECOVER_PER_PAGE).get_page(request.GET.get("p"))
        rows = [
            {
                "record": record,
                "name": str(record.instance),
                "history_url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                    args=[record.instance.pk],
                ),
                "revert_url": record.revert_url(),
            }
            for record in page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Recover deleted %(name)s") % {"name": opts.verbose_name_plural},
            "subtitle": None,
            "module_name": capfirst(opts.verbose_name_plural),
            "opts": opts,
            "page_obj": page,
            "rows": rows,
            "may_recover": self.has_add_permission(request) and self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/history/recover_deleted.html", context)


def revert_form(form_class):
    """``form_class`` editing a historical version: see the module's docstring."""

    class RevertForm(form_class):
        def __init__(self, *args, instance=None, **kwargs):
            record = getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME)
            current = type(instance)._default_manager.filter(pk=instance.pk).first()
            if current is not None:
                instance = _with_form_fields_of(instance, current, form_class.base_fields)
            super().__init__(*args, instance=instance, **kwargs)
            for field in record._history_m2m_fields:
                if field.name in self.fields:
                    target = get_m2m_reverse_field_name(field)
                    rows = getattr(record, field.name).values_list(f"{target}_id", flat=True)
                    self.initial[field.name] = list(rows)

    RevertForm.__name__ = form_class.__name__
    return RevertForm


def _with_form_fields_of(version, current, form_fields):
    """``current`` with the values ``version`` has in the fields the form edits."""
    for field in current._meta.concrete_fields:
        if field.name in form_fields:
            setattr(current, field.attname, getattr(version, field.attname))
    setattr(
        current,
        SIMPLE_HISTORY_REVERSE_ATTR_NAME,
        getattr(version, SIMPLE_HISTORY_REVERSE_ATTR_NAME),
    )
    return current
