"""Spreadsheet import and export of plans, institutions, axes, commitments and progress."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from import_export.results import Result
from tablib import Dataset

from commitments.enums import ReportStatus
from commitments.models import (
    ActionPlan,
    Activity,
    Axis,
    Commitment,
    Institution,
    PlanProgress,
    ProgressReport,
)
from meetings.cycle import imported_rows
from ogptracker.common.cells import Field, model_fields
from ogptracker.common.languages import translated

from . import keys
from .sheets import TrackerResource


def plan_field(attribute: str = "plan") -> Field:
    return Field(
        attribute=attribute,
        column_name="plan",
        widget=keys.PlanWidget(),
        readonly=attribute != "plan",
        label=_("action plan number"),
    )


def commitment_field(attribute: str = "commitment") -> Field:
    return Field(
        attribute=attribute,
        column_name="commitment",
        widget=keys.CommitmentWidget(),
        label=_("commitment number"),
    )


def meeting_fields() -> dict[str, Field]:
    """The meeting a progress figure was recorded at: committee kind and date."""
    return {
        "meeting_committee": Field(
            attribute="meeting__committee__kind",
            column_name="meeting_committee",
            readonly=True,
            label=_("meeting's committee"),
        ),
        "meeting": Field(
            attribute="meeting",
            column_name="meeting",
            widget=keys.MeetingWidget(committee_column="meeting_committee"),
            label=_("meeting date"),
        ),
    }


def resource(
    model: type[Model],
    columns: Mapping[str, Field],
    import_id_fields: list[str],
    ordering: list[str],
    related: Sequence[str] = (),
    prefetch: Sequence[str] = (),
    bulk: bool = False,
    mixins: Sequence[type] = (),
) -> type[TrackerResource]:
    """Builds a resource class whose columns are exactly ``columns``, in that order."""

    def filter_export(self, queryset, **kwargs):
        # Also applied to the admin's filtered change list: one query per file, not per row.
        return queryset.select_related(*related).prefetch_related(*prefetch).order_by(*ordering)

    meta = type(
        "Meta",
        (TrackerResource.Meta,),
        {
            "model": model,
            "fields": list(columns),
            "import_id_fields": import_id_fields,
            "export_order": list(columns),
            "import_order": list(columns),
            "use_bulk": bulk,
            "batch_size": 1000,
        },
    )
    attrs = dict(columns)
    attrs.update(
        {
            "Meta": meta,
            "filter_export": filter_export,
            "__module__": __name__,
        }
    )
    return type(f"{model.__name__}Resource", (*mixins, TrackerResource), attrs)


ActionPlanResource = resource(
    ActionPlan,
    {
        **model_fields(ActionPlan, ["number"]),
        **model_fields(ActionPlan, translated("title")),
        **model_fields(ActionPlan, ["start", "planned_end", "revised_end", "status"]),
        **model_fields(ActionPlan, translated("summary")),
    },
    import_id_fields=["number"],
    ordering=["number"],
)


class _InstitutionMixin:
    def get_instance(self, instance_loader, row):
        acronym = str(row.get("acronym") or "").strip()
        if acronym:
            return Institution.objects.filter(acronym=acronym).first()
        name = str(row.get("name_ar") or "").strip()
        return Institution.objects.filter(name_ar=name).first() if name else None


InstitutionResource = type(
    "InstitutionResource",
    (
        _InstitutionMixin,
        resource(
            Institution,
            {
                **model_fields(Institution, ["acronym"]),
                **model_fields(Institution, translated("name")),
                **model_fields(Institution, ["kind"]),
            },
            import_id_fields=["name_ar"],
            ordering=["name_ar", "pk"],
        ),
    ),
    {"__module__": __name__},
)

AxisResource = resource(
    Axis,
    {
        "plan": plan_field(),
        **model_fields(Axis, ["number"]),
        **model_fields(Axis, translated("title")),
    },
    import_id_fields=["plan", "number"],
    ordering=["plan__number", "number"],
    related=["plan"],
)

CommitmentResource = resource(
    Commitment,
    {
        "plan": plan_field(),
        **model_fields(Commitment, ["number", "ogp_id"]),
        **model_fields(Commitment, translated("title")),
        "axis": Field(
            attribute="axis", column_name="axis", widget=keys.AxisWidget(), label=_("axis number")
        ),
        "lead_institution": Field(
            attribute="lead_institution",
            column_name="lead_institution",
            widget=keys.InstitutionWidget(),
            label=_("lead institution (acronym or Arabic name)"),
        ),
        **model_fields(Commitment, translated("problem", "status_quo", "description")),
        **model_fields(
            Commitment,
            [
                "access_to_information",
                "civic_participation",
                "public_accountability",
                "technology_innovation",
            ],
        ),
        **model_fields(Commitment, translated("other_actors")),
        **model_fields(Commitment, ["start_date", "end_date", "contact"]),
        "leads": Field(
            attribute="leads",
            column_name="leads",
            widget=keys.UsersWidget(),
            label=_("project leads (usernames)"),
        ),
        "co_leads": Field(
            attribute="co_leads",
            column_name="co_leads",
            widget=keys.UsersWidget(),
            label=_("civil-society co-leads (usernames)"),
        ),
    },
    import_id_fields=["plan", "number"],
    ordering=["plan__number", "number"],
    related=["plan", "axis", "lead_institution"],
    prefetch=["leads", "co_leads"],
)

ActivityResource = resource(
    Activity,
    {
        "plan": plan_field("commitment__plan"),
        "commitment": commitment_field(),
        **model_fields(Activity, ["number"]),
        **model_fields(Activity, translated("title")),
        **model_fields(Activity, ["planned_start", "planned_end", "revised_end", "status"]),
        **model_fields(Activity, ["weight"]),
        **model_fields(Activity, translated("note")),
    },
    import_id_fields=["plan", "commitment", "number"],
    ordering=["commitment__plan__number", "commitment__number", "number"],
    related=["commitment__plan"],
)


class FollowsTheReportingCycle:
    """Reports and status rows a file writes take the cycle's steps, as in the admin:
    a published report makes its activity changes and is announced to its
    followers, a row of published minutes is published with them
    (meetings/cycle.py, `imported_rows`)."""

    def import_instance(self, instance: ProgressReport, row: Any, **kwargs: Any) -> None:
        # What it was before the file: a report the file publishes is news.
        instance.status_before_import = instance.status if instance.pk else None
        super().import_instance(instance, row, **kwargs)

    def after_import(self, dataset: Dataset, result: Result, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)
        # A restored backup publishes nothing new: it was announced when it was.
        published = (
            []
            if self.restore
            else [
                row
                for row in self.saved
                if row.status == ReportStatus.PUBLISHED
                and getattr(row, "status_before_import", None) != ReportStatus.PUBLISHED
            ]
        )
        imported_rows(self.saved, self.user, published=published)


ProgressReportResource = resource(
    ProgressReport,
    {
        "plan": plan_field("commitment__plan"),
        "commitment": commitment_field(),
        **model_fields(ProgressReport, ["date", "percent"]),
        **model_fields(ProgressReport, translated("narrative")),
        **model_fields(ProgressReport, ["no_progress", "platform_status"]),
        **model_fields(ProgressReport, translated("platform_note", "schedule")),
        **meeting_fields(),
        **model_fields(ProgressReport, ["status", "voice"]),
        "author": Field(
            attribute="author",
            column_name="author",
            widget=keys.UserWidget(),
            label=_("author (username)"),
        ),
        **model_fields(ProgressReport, ["published_at"]),
    },
    import_id_fields=["plan", "commitment", "date"],
    ordering=["commitment__plan__number", "commitment__number", "date", "pk"],
    related=["commitment__plan", "meeting__committee", "author"],
    # Report files are the long ones (years of figures): saved by batches.
    bulk=True,
    mixins=[FollowsTheReportingCycle],
)

PlanProgressResource = resource(
    PlanProgress,
    {
        "plan": plan_field(),
        **model_fields(PlanProgress, ["date", "percent"]),
        **meeting_fields(),
        **model_fields(PlanProgress, translated("note")),
    },
    import_id_fields=["plan", "date"],
    ordering=["plan__number", "date"],
    related=["plan", "meeting__committee"],
)
