"""Spreadsheets of the OGP cycle: the IRM's assessments, one row per commitment and report,
and the self-assessment reports' publication, one row per plan and kind of report.

A row names its commitment by its OGP identifier (MO0001…), as the IRM's own
reports and data do; the plan follows from it. A file naming the same
commitment and report twice is refused, not read as an update of its own row.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tablib import Dataset

from commitments.models import Commitment
from ogptracker.common.cells import BooleanWidget, Field, KeyWidget, isolated, model_fields
from ogptracker.ogpcycle.models import IRMAssessment, SelfAssessmentReport

from .import_report import spreadsheet_line
from .plan_resources import plan_field, resource

COLUMNS = [
    "report",
    "report_date",
    "report_url",
    "verifiable",
    "access_to_information",
    "civic_participation",
    "public_accountability",
    "technology_innovation",
    "potential_impact",
    "completion",
    "early_results",
    "starred",
]


def ogp_id_cell(value: Any) -> str:
    return str(value or "").strip().upper()


class OGPIdWidget(KeyWidget):
    """A commitment by its OGP identifier, whatever the case of its letters."""

    def __init__(self):
        super().__init__(render=lambda commitment: commitment.ogp_id)

    def key(self, value: Any, row: Mapping[str, Any]) -> str:
        return ogp_id_cell(value)

    def resolve(self, key: str) -> Commitment | None:
        return Commitment.objects.select_related("plan").filter(ogp_id__iexact=key).first()

    def missing(self, key: str) -> str:
        return _("There is no commitment with the OGP identifier «%(ogp_id)s».") % {
            "ogp_id": isolated(key)
        }


class UnknownOrBooleanWidget(BooleanWidget):
    """Yes, no, or an empty cell for «not judged in this report»."""

    def clean(self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any) -> bool | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return super().clean(value, row, **kwargs)


def irm_columns() -> dict[str, Field]:
    columns = model_fields(IRMAssessment, COLUMNS)
    columns["verifiable"].widget = UnknownOrBooleanWidget()
    return columns


class _RepeatedRowsRefused:
    """Refuses a second row for the same commitment and report."""

    def before_import(self, dataset: Dataset, **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        self.lines_by_key = {}

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
        super().before_import_row(row, **kwargs)
        try:
            key = (ogp_id_cell(row.get("ogp_id")), self.fields["report"].clean(row))
        except ValueError:
            return  # The cell itself is reported with the row.
        line = spreadsheet_line(kwargs.get("row_number") or 0)
        first = self.lines_by_key.setdefault(key, line)
        if first != line:
            raise ValidationError(
                {
                    "commitment": _(
                        "Line %(line)s already gives this commitment's assessment in this "
                        "IRM report."
                    )
                    % {"line": first}
                }
            )


IRMAssessmentResource = resource(
    IRMAssessment,
    {
        "commitment": Field(
            attribute="commitment",
            column_name="ogp_id",
            widget=OGPIdWidget(),
            label=gettext_lazy("OGP identifier"),
        ),
        **irm_columns(),
    },
    import_id_fields=["commitment", "report"],
    ordering=["commitment__plan__number", "commitment__number", "report_date", "pk"],
    related=["commitment"],
    mixins=[_RepeatedRowsRefused],
)


SelfAssessmentReportResource = resource(
    SelfAssessmentReport,
    {
        "plan": plan_field(),
        **model_fields(SelfAssessmentReport, ["kind", "published_on"]),
    },
    import_id_fields=["plan", "kind"],
    ordering=["plan__number", "kind"],
    related=["plan"],
)
