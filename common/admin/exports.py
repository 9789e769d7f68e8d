"""What every django-import-export admin of the site shares."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest


class FilteredExportMixin:
    """The export page works on the changelist's filtered rows, and refuses bad filters cleanly.

    Put before import-export's mixin in the class bases.
    """

    def get_export_queryset(self, request):
        # The changelist turns a filter it cannot apply into "?e=1"; the export page, reached
        # with the same query string, would crash on it instead.
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadRequest(str(error)) from error

    def get_valid_export_item_pks(self, request):
        # import-export checks the rows ticked for "Export selected" against these; it still
        # calls this (deprecated) method, whose default reads every id of the table.
        return self.get_export_queryset(request).values_list("pk", flat=True)
