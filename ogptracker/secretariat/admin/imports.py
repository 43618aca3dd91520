"""Spreadsheet import and export buttons for the tracker's admin pages.

An import is previewed, then confirmed; either step stops at the first
file-level problem (empty, not UTF-8, unreadable) and otherwise lists every
bad row with its line and reason, and saves nothing while one remains.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import Result, RowResult

from ogptracker.common.cells import FORMATS
from ogptracker.spreadsheets.import_report import import_problems

# django-import-export's templates print these; its own Arabic catalog words
# several of them awkwardly, so locale/ar words them for the secretariat.
# Listed here so that makemessages keeps those entries.
IMPORT_EXPORT_LABELS = [
    gettext_noop("Export"),
    gettext_noop("Confirm import"),
    gettext_noop("File to import"),
    gettext_noop("Format"),
    gettext_noop("Skipped"),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, "
        "click 'Confirm import'"
    ),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("This exporter will export the following fields: "),
]


class TrackerImportForm(ImportForm):
    """Refuses, before any row is read, a file that cannot be a table of rows."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].help_text = gettext_lazy(
            "CSV (UTF-8) or Excel XLSX, first line the column headers, as in an export "
            "of this page. Nothing is saved unless every row is valid."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        chosen = cleaned.get("format")
        if upload is None or chosen in (None, ""):
            return cleaned
        data = b"".join(upload.chunks())
        upload.seek(0)
        if not data.strip():
            self.add_error("import_file", _("The file is empty."))
            return cleaned
        file_format = self.formats[int(chosen)]()
        if not file_format.is_binary():
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error(
                    "import_file",
                    _(
                        "The file is not in UTF-8 encoding (it may have been saved as "
                        "Arabic Windows text). In Excel, save it as «CSV UTF-8», or import "
                        "the XLSX file instead."
                    ),
                )
                return cleaned
            data = text
        try:
            dataset = file_format.create_dataset(data)
        except Exception:
            self.add_error(
                "import_file",
                _("The file could not be read as %(format)s. Check the chosen format.")
                % {"format": file_format.get_title().upper()},
            )
            return cleaned
        if not len(dataset):
            self.add_error("import_file", _("The file has column headers but no rows."))
        return cleaned


class SpreadsheetAdmin(ImportExportMixin):
    """Mixed into a model admin that sets ``resource_classes``."""

    formats = FORMATS
    import_form_class = TrackerImportForm
    export_form_class = ExportForm
    import_template_name = "admin/tracker_import.html"
    # Arabic text opens correctly in Excel only with the byte-order mark.
    to_encoding = "utf-8-sig"

    def get_export_data(
        self, file_format: Any, request: HttpRequest, queryset: Any, **kwargs: Any
    ) -> bytes | str:
        # As django-import-export's, with typed cells for every binary format: its
        # own test is on the exact class, which misses the tracker's XLSX.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"labels": True}

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"labels": True}

    def labelled_fields(self, request: HttpRequest) -> list[tuple[str, list[str]]]:
        """The columns a file holds, as headed in the admin's language."""
        resource = self.get_import_resource_classes(request)[0](labels=True)
        labels = [resource.label_for(field) for field in resource.get_import_fields()]
        return [(resource.get_display_name(), labels)]

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None:
            context["fields_list"] = self.labelled_fields(request)
            if context.get("result") is not None:
                resource = self.get_import_resource_classes(request)[0](labels=True)
                context["problems"] = import_problems(context["result"], resource)
        return response

    def init_request_context_data(self, request: HttpRequest, form: Form) -> dict[str, Any]:
        context = super().init_request_context_data(request, form)
        context["fields_list"] = self.labelled_fields(request)
        return context

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # The file or the data changed between preview and confirmation.
            resource = self.get_import_resource_classes(request)[0](labels=True)
            context = self.admin_site.each_context(request)
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "form": self.get_import_form_class(request)(
                        self.get_import_formats(), self.get_import_resource_classes(request)
                    ),
                    "result": result,
                    "problems": import_problems(result, resource),
                    "import_error_display": self.import_error_display,
                }
            )
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def add_success_message(self, result: Result, request: HttpRequest) -> None:
        totals = result.totals
        messages.success(
            request,
            _(
                "Import finished: %(new)s new, %(updated)s updated, "
                "%(skipped)s unchanged %(things)s."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
                "things": self.model._meta.verbose_name_plural,
            },
        )
