"""Open data: the published datasets of a plan and their CSV, XLSX and JSON forms.

Each dataset's fields are defined once here; the downloads, the open-data page
and the field list of docs/open-data-and-api.md all follow these definitions. Field names are
stable English snake_case; translated text comes in the four languages
(`title_ar`, `title_zgh`, `title_fr`, `title_en`), raw, without falling back to Arabic.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.models import ActionPlan, Activity, Commitment, ProgressReport
from meetings.models import NextStep
from ogptracker.civilsociety.models import Assessment
from ogptracker.civilsociety.side_by_side import with_latest_assessment
from ogptracker.common import languages
from ogptracker.common.cells import escape_formula
from ogptracker.common.counting import row_count
from ogptracker.ogpcycle import revisions
from ogptracker.ogpcycle.models import CommitmentRevision, IRMAssessment
from ogptracker.participation.models import Question

TEXT, INTEGER, NUMBER, DATE, BOOLEAN = "text", "integer", "number", "date", "boolean"
KIND_LABELS = {
    # Translators: type of a column in the open-data field lists.
    TEXT: pgettext_lazy("data type", "text"),
    # Translators: type of a column in the open-data field lists.
    INTEGER: pgettext_lazy("data type", "whole number"),
    # Translators: type of a column in the open-data field lists.
    NUMBER: pgettext_lazy("data type", "number"),
    # Translators: type of a column in the open-data field lists.
    DATE: pgettext_lazy("data type", "date (YYYY-MM-DD)"),
    # Translators: type of a column in the open-data field lists.
    BOOLEAN: pgettext_lazy("data type", "true or false"),
}


def _if_published(meeting):
    """The meeting, unless it is missing or its minutes are still a draft."""
    return meeting if meeting is not None and meeting.is_published else None


def _published_meeting_id(report):
    meeting = _if_published(report.meeting)
    return meeting.pk if meeting else None


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    # A dotted attribute path, or a function of the row for computed values.
    source: str | Callable
    translated: bool = False

    @property
    def kind_label(self) -> str | Promise:
        return KIND_LABELS[self.kind]

    @property
    def columns(self) -> list[str]:
        if self.translated:
            return languages.translated(self.name)
        return [self.name]

    def values(self, obj: Model) -> list[Any]:
        if callable(self.source):
            return [self.source(obj)]
        if self.translated:
            return [_text(_resolve(obj, column)) for column in languages.translated(self.source)]
        value = _resolve(obj, self.source)
        return [_text(value) if self.kind == TEXT else value]


def _resolve(obj, path):
    for attribute in path.split("."):
        if obj is None:
            return None
        try:
            obj = getattr(obj, attribute)
        except ObjectDoesNotExist:  # A one-to-one row not written, such as a template.
            return None
    return obj


def _number(value):
    """A sum as JSON and spreadsheets want it: whole sums as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _text(value):
    # Text is never null: an untranslated field is an empty string in every format.
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    fields: tuple
    queryset: Callable

    @cached_property
    def columns(self) -> list[str]:
        return [column for field in self.fields for column in field.columns]

    def record(self, obj: Model) -> dict[str, Any]:
        """One row as a dict of Python values (dates, ints, bools), keyed by column."""
        values = [value for field in self.fields for value in field.values(obj)]
        return dict(zip(self.columns, values, strict=True))

    def rows(self, plan: ActionPlan) -> list[dict[str, Any]]:
        return [self.record(obj) for obj in self.queryset(plan)]

    def kinds(self) -> dict[str, str]:
        return {column: field.kind for field in self.fields for column in field.columns}


def plan_commitments(plan: ActionPlan) -> QuerySet[Commitment]:
    return with_latest_assessment(
        revisions.with_revision_marks(
            Commitment.objects.filter(plan=plan)
            .with_latest_progress()
            .select_related("plan", "axis", "lead_institution", "design")
            .order_by("number")
        )
    )


def plan_activities(plan: ActionPlan) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(commitment__plan=plan)
        .select_related("commitment__plan")
        .order_by("commitment__number", "number")
    )


def plan_reports(plan: ActionPlan) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.published()
        .filter(commitment__plan=plan)
        .select_related("commitment__plan", "meeting")
        .order_by("commitment__number", "date", "pk")
    )


def plan_assessments(plan: ActionPlan) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(commitment__plan=plan)
        .with_official_figure()
        .select_related("commitment__plan", "forum")
        .order_by("commitment__number", "period_end", "forum__name", "pk")
    )


def _civil_society_gap(commitment):
    civil = commitment.civil_society_percent
    official = commitment.civil_society_official_percent
    return None if civil is None or official is None else civil - official


def plan_next_steps(plan: ActionPlan) -> QuerySet[NextStep]:
    return (
        NextStep.objects.published()
        .filter(meeting__committee__plan=plan)
        .select_related("meeting__committee__plan", "closed_at")
        .order_by("meeting__date", "meeting_id", "order")
    )


def plan_irm_assessments(plan: ActionPlan) -> QuerySet[IRMAssessment]:
    return (
        IRMAssessment.objects.filter(commitment__plan=plan)
        .select_related("commitment__plan")
        .order_by("commitment__number", "report_date", "pk")
    )


def plan_questions(plan: ActionPlan) -> QuerySet[Question]:
    return (
        Question.objects.filter(commitment__plan=plan)
        .thread()
        .select_related("commitment__plan")
        .order_by("commitment__number", "published_at", "pk")
    )


def _answer_date(question):
    answer = question.first_answer
    return timezone.localtime(answer.created_at).date() if answer else None


def _by_secretariat(question):
    answer = question.first_answer
    return None if answer is None else answer.institution_id is None


def plan_revisions(plan: ActionPlan) -> QuerySet[CommitmentRevision]:
    return (
        CommitmentRevision.objects.filter(revision__plan=plan)
        .select_related(
            "revision__plan", "revision__next_step__meeting__committee", "commitment", "merged_into"
        )
        .order_by("revision__date", "revision_id", "commitment__number")
    )


def _closing_meeting_date(step):
    meeting = _if_published(step.closed_at)
    return meeting.date if meeting else None


def plan_number(source: str | Callable[[Any], Any]) -> Field:
    return Field("plan_number", INTEGER, _("Number of the national action plan."), source)


def commitment_number(source: str | Callable[[Any], Any]) -> Field:
    return Field(
        "commitment_number", INTEGER, _("Number of the commitment within its plan."), source
    )


COMMITMENTS = Dataset(
    "commitments",
    pgettext_lazy("open data", "Commitments"),
    (
        plan_number("plan.number"),
        commitment_number("number"),
        Field("ogp_id", TEXT, _("Identifier on the OGP website, such as MO0005."), "ogp_id"),
        Field("title", TEXT, _("Title of the commitment."), "title", translated=True),
        Field("axis_number", INTEGER, _("Number of the plan's axis, if any."), "axis.number"),
        Field("axis_title", TEXT, _("Title of the axis."), "axis.title", translated=True),
        Field(
            "lead_institution",
            TEXT,
            _("Name of the lead institution."),
            "lead_institution.name",
            translated=True,
        ),
        Field(
            "lead_institution_acronym",
            TEXT,
            _("Acronym of the lead institution."),
            "lead_institution.acronym",
        ),
        Field("start_date", DATE, _("Start of the commitment."), "start_date"),
        Field("end_date", DATE, _("End of the commitment."), "end_date"),
        Field(
            "access_to_information",
            BOOLEAN,
            _("Relevant to the OGP value of access to information."),
            "access_to_information",
        ),
        Field(
            "civic_participation",
            BOOLEAN,
            _("Relevant to the OGP value of civic participation."),
            "civic_participation",
        ),
        Field(
            "public_accountability",
            BOOLEAN,
            _("Relevant to the OGP value of public accountability."),
            "public_accountability",
        ),
        Field(
            "technology_innovation",
            BOOLEAN,
            _("Relevant to the OGP value of technology and innovation."),
            "technology_innovation",
        ),
        Field(
            "latest_percent",
            INTEGER,
            _("Progress, in percent, of the latest published progress report; empty if none."),
            "latest_percent",
        ),
        Field(
            "latest_date", DATE, _("Date of the latest published progress report."), "latest_date"
        ),
        Field(
            "civil_society_percent",
            INTEGER,
            _(
                "Progress, in percent, in the latest assessment of a civil-society forum "
                "(see the civil-society dataset); empty if none."
            ),
            "civil_society_percent",
        ),
        Field(
            "civil_society_period_end",
            DATE,
            _("Last day of the half-year that assessment is of."),
            "civil_society_period_end",
        ),
        Field(
            "civil_society_gap",
            INTEGER,
            _(
                "That assessment's percent minus the official figure published by the end of "
                "its half-year; empty if either is missing."
            ),
            _civil_society_gap,
        ),
        Field("problem", TEXT, _("Problem addressed."), "problem", translated=True),
        Field("status_quo", TEXT, _("Status quo."), "status_quo", translated=True),
        Field("description", TEXT, _("Description."), "description", translated=True),
        Field("other_actors", TEXT, _("Other actors involved."), "other_actors", translated=True),
        Field(
            "objective",
            TEXT,
            _("Objective and expected results (OGP template)."),
            "design.objective",
            translated=True,
        ),
        Field(
            "solution",
            TEXT,
            _("How the commitment solves the problem (OGP template)."),
            "design.solution",
            translated=True,
        ),
        Field(
            "relevance",
            TEXT,
            _("Why it is relevant to OGP values (OGP template)."),
            "design.relevance",
            translated=True,
        ),
        Field(
            "budget_planned",
            NUMBER,
            _("Planned budget, in dirhams (MAD); empty if not given."),
            lambda c: _number(_resolve(c, "design.budget_planned")),
        ),
        Field(
            "budget_secured",
            NUMBER,
            _("Secured budget, in dirhams (MAD); empty if not given."),
            lambda c: _number(_resolve(c, "design.budget_secured")),
        ),
        Field(
            "national_strategies",
            TEXT,
            _("Links to national strategies."),
            "design.national_strategies",
            translated=True,
        ),
        Field(
            "sdg_targets",
            TEXT,
            _("SDG targets, as their numbers separated by commas (16.6, 16.10)."),
            "design.sdg_targets",
        ),
        Field(
            "actors_government",
            TEXT,
            _("Supporting actors from government."),
            "design.actors_government",
            translated=True,
        ),
        Field(
            "actors_civil_society",
            TEXT,
            _("Supporting actors from civil society."),
            "design.actors_civil_society",
            translated=True,
        ),
        Field(
            "actors_private",
            TEXT,
            _("Supporting actors from the private sector."),
            "design.actors_private",
            translated=True,
        ),
        Field(
            "actors_international",
            TEXT,
            _("Supporting international organisations."),
            "design.actors_international",
            translated=True,
        ),
        Field(
            "in_plan",
            TEXT,
            _("One of in_force, withdrawn, merged: whether a revision took it out of the plan."),
            lambda c: c.left_by or "in_force",
        ),
        Field(
            "added_at_revision",
            BOOLEAN,
            _("Added to the plan at a revision."),
            "added_at_revision",
        ),
        Field(
            "rescheduled_end",
            DATE,
            _("End date set by the latest revision that rescheduled it; empty if none did."),
            "rescheduled_end",
        ),
        Field(
            "times_rescheduled",
            INTEGER,
            _("How many revisions rescheduled it."),
            "times_rescheduled",
        ),
    ),
    plan_commitments,
)

ACTIVITIES = Dataset(
    "activities",
    pgettext_lazy("open data", "Activities"),
    (
        plan_number("commitment.plan.number"),
        commitment_number("commitment.number"),
        Field(
            "activity_number", INTEGER, _("Number of the activity within its commitment."), "number"
        ),
        Field("title", TEXT, _("Title of the activity."), "title", translated=True),
        Field("planned_start", DATE, _("Planned start."), "planned_start"),
        Field("planned_end", DATE, _("Planned end."), "planned_end"),
        Field("revised_end", DATE, _("Revised end, if the schedule changed."), "revised_end"),
        Field(
            "status",
            TEXT,
            _("One of planned, in_progress, done, postponed, cancelled."),
            "status",
        ),
        Field(
            "weight",
            INTEGER,
            _("Relative weight within the commitment, if the plan sets one."),
            "weight",
        ),
        Field("note", TEXT, _("Note."), "note", translated=True),
    ),
    plan_activities,
)

REPORTS = Dataset(
    "reports",
    pgettext_lazy("open data", "Progress reports"),
    (
        plan_number("commitment.plan.number"),
        commitment_number("commitment.number"),
        Field("date", DATE, _("Date of the progress report."), "date"),
        Field(
            "percent", INTEGER, _("Progress of the commitment, in percent (0 to 100)."), "percent"
        ),
        Field(
            "no_progress",
            BOOLEAN,
            _("No progress since the previous meeting, as the minutes record it."),
            "no_progress",
        ),
        Field(
            "platform_status",
            TEXT,
            _("Tracking platform updated: yes, no, partly, or empty if not recorded."),
            "platform_status",
        ),
        Field("narrative", TEXT, _("Actions taken."), "narrative", translated=True),
        Field(
            "platform_note",
            TEXT,
            _("What remains to be entered on the tracking platform."),
            "platform_note",
            translated=True,
        ),
        Field(
            "schedule",
            TEXT,
            _("New schedule for the remaining activities."),
            "schedule",
            translated=True,
        ),
        Field(
            "meeting_id",
            INTEGER,
            _("Identifier of the meeting that recorded it (see /api/meetings/), if any."),
            _published_meeting_id,
        ),
        Field(
            "reported_by",
            TEXT,
            _(
                "government (the project leads, or a meeting's status table) or civil_society "
                "(the commitment's civil-society co-leads, never part of the official figure)."
            ),
            "voice",
        ),
    ),
    plan_reports,
)

CIVIL_SOCIETY = Dataset(
    "civil-society",
    pgettext_lazy("open data", "Civil society's assessments"),
    (
        plan_number("commitment.plan.number"),
        commitment_number("commitment.number"),
        Field(
            "ogp_id", TEXT, _("Identifier on the OGP website, such as MO0005."), "commitment.ogp_id"
        ),
        Field("forum", TEXT, _("The civil-society forum that assessed it."), "forum.name"),
        Field("period_start", DATE, _("First day of the half-year assessed."), "period.start"),
        Field("period_end", DATE, _("Last day of the half-year assessed."), "period_end"),
        Field("percent", INTEGER, _("Progress in the forum's view, in percent."), "percent"),
        Field(
            "completion",
            TEXT,
            _(
                "Completion on the IRM's scale: not_started, limited, substantial, complete "
                "(plans until 2020); no_evidence too (from 2021)."
            ),
            "completion",
        ),
        Field(
            "official_percent",
            INTEGER,
            _("The official figure published by the end of the half-year; empty if none."),
            "official_percent",
        ),
        Field(
            "gap",
            INTEGER,
            _("percent minus official_percent; empty without an official figure."),
            "gap",
        ),
        Field(
            "gap_flagged",
            BOOLEAN,
            _("True when the gap is 20 points or more, either way."),
            "flagged",
        ),
        Field(
            "narrative",
            TEXT,
            _("What the assessment rests on, as the forum wrote it."),
            "narrative",
        ),
        Field(
            "updated_on",
            DATE,
            _("Day the assessment was last saved."),
            lambda assessment: timezone.localdate(assessment.updated_at),
        ),
    ),
    plan_assessments,
)

NEXT_STEPS = Dataset(
    "next-steps",
    pgettext_lazy("open data", "Committees' next steps"),
    (
        plan_number("meeting.committee.plan.number"),
        Field(
            "meeting_id",
            INTEGER,
            _("Identifier of the meeting that took it (see /api/meetings/)."),
            "meeting_id",
        ),
        Field(
            "committee", TEXT, _("The committee: execution or steering."), "meeting.committee.kind"
        ),
        Field("meeting_date", DATE, _("Date of the meeting that took it."), "meeting.date"),
        Field("next_step_number", INTEGER, _("Number of the next step in the minutes."), "order"),
        Field("text", TEXT, _("The next step, as the minutes word it."), "text", translated=True),
        Field("owner", TEXT, _("Who carries it out, if the minutes say."), "owner"),
        Field("due_date", DATE, _("When it is due, if the minutes say."), "due_date"),
        Field("status", TEXT, _("One of open, done, dropped."), "status"),
        Field(
            "closed_meeting_date",
            DATE,
            _("Date of the published meeting that recorded it done or dropped, if any."),
            _closing_meeting_date,
        ),
    ),
    plan_next_steps,
)

IRM = Dataset(
    "irm",
    pgettext_lazy("open data", "IRM assessments"),
    (
        plan_number("commitment.plan.number"),
        commitment_number("commitment.number"),
        Field(
            "ogp_id", TEXT, _("Identifier on the OGP website, such as MO0005."), "commitment.ogp_id"
        ),
        Field(
            "report",
            TEXT,
            _("The IRM report: design, implementation, action_plan_review or results."),
            "report",
        ),
        Field("report_date", DATE, _("Date of the IRM report."), "report_date"),
        Field("report_url", TEXT, _("Address of the IRM report, if known."), "report_url"),
        Field(
            "verifiable",
            BOOLEAN,
            _("Verifiable, in the IRM's judgement; empty if the report does not say."),
            "verifiable",
        ),
        Field(
            "access_to_information",
            BOOLEAN,
            _("Relevant to access to information, in the IRM's judgement."),
            "access_to_information",
        ),
        Field(
            "civic_participation",
            BOOLEAN,
            _("Relevant to civic participation, in the IRM's judgement."),
            "civic_participation",
        ),
        Field(
            "public_accountability",
            BOOLEAN,
            _("Relevant to public accountability, in the IRM's judgement."),
            "public_accountability",
        ),
        Field(
            "technology_innovation",
            BOOLEAN,
            _("Relevant to technology and innovation, in the IRM's judgement."),
            "technology_innovation",
        ),
        Field(
            "potential_impact",
            TEXT,
            _(
                "Potential impact: none, minor, moderate, transformative (reports until 2020); "
                "potential for results: unclear, modest, substantial (from 2021)."
            ),
            "potential_impact",
        ),
        Field(
            "completion",
            TEXT,
            _("Completion: no_evidence, not_started, limited, substantial, complete."),
            "completion",
        ),
        Field(
            "early_results",
            TEXT,
            _(
                "Did it open government: worsened, did_not_change, marginal, major, outstanding "
                "(reports until 2020); early results: no_notable, marginal, moderate, "
                "significant, outstanding (from 2021)."
            ),
            "early_results",
        ),
        Field("starred", BOOLEAN, _("Starred (until 2020) or promising (from 2021)."), "starred"),
    ),
    plan_irm_assessments,
)

QUESTIONS = Dataset(
    "questions",
    pgettext_lazy("open data", "Questions from the public and answers"),
    (
        plan_number("commitment.plan.number"),
        commitment_number("commitment.number"),
        Field("question_id", INTEGER, _("Identifier of the question."), "pk"),
        Field(
            "asked_by",
            TEXT,
            _("The public name of who asked; empty once they deleted their account."),
            "author_name",
        ),
        Field(
            "organisation",
            TEXT,
            _("The association they asked for, if any."),
            "author_organisation",
        ),
        Field(
            "published_date",
            DATE,
            _("Date the question was published."),
            lambda question: timezone.localtime(question.published_at).date(),
        ),
        Field(
            "report_date",
            DATE,
            _("Date of the progress report it is about; empty if about the commitment."),
            "report.date",
        ),
        Field("language", TEXT, _("Language it was asked in: ar, zgh, fr or en."), "language"),
        Field("text", TEXT, _("The question, as typed."), "text"),
        Field(
            "answers",
            INTEGER,
            _("Number of answers."),
            lambda question: len(question.thread_answers),
        ),
        Field("answer_date", DATE, _("Date of the first answer, if any."), _answer_date),
        Field(
            "answered_for",
            TEXT,
            _("The institution the first answer speaks for; empty for the secretariat."),
            "first_answer.institution.name",
            translated=True,
        ),
        Field(
            "answered_by_secretariat",
            BOOLEAN,
            _("Whether the secretariat gave the first answer; empty if not answered."),
            _by_secretariat,
        ),
        Field("answer", TEXT, _("The first answer, as typed."), "first_answer.text"),
    ),
    plan_questions,
)

REVISIONS = Dataset(
    "revisions",
    pgettext_lazy("open data", "Plan revisions"),
    (
        plan_number("revision.plan.number"),
        Field("revision_date", DATE, _("Date of the revision."), "revision.date"),
        Field("reason", TEXT, _("Why the plan was revised."), "revision.reason"),
        Field(
            "committee",
            TEXT,
            _("The committee whose next step the revision follows: execution or steering."),
            "revision.next_step.meeting.committee.kind",
        ),
        Field(
            "meeting_date",
            DATE,
            _("Date of the meeting whose next step the revision follows."),
            "revision.next_step.meeting.date",
        ),
        Field(
            "next_step_number",
            INTEGER,
            _("Number of that next step in the minutes."),
            "revision.next_step.order",
        ),
        commitment_number("commitment.number"),
        Field(
            "ogp_id", TEXT, _("Identifier on the OGP website, such as MO0005."), "commitment.ogp_id"
        ),
        Field("change", TEXT, _("One of added, withdrawn, merged, rescheduled."), "change"),
        Field(
            "merged_into_number",
            INTEGER,
            _("Number of the commitment it was merged into, for a merge."),
            "merged_into.number",
        ),
        Field("revised_end", DATE, _("The new end date, for a rescheduling."), "revised_end"),
    ),
    plan_revisions,
)

DATASETS = {
    dataset.name: dataset
    for dataset in (
        COMMITMENTS,
        ACTIVITIES,
        REPORTS,
        NEXT_STEPS,
        IRM,
        REVISIONS,
        CIVIL_SOCIETY,
        QUESTIONS,
    )
}
# Former names of datasets, answered with a permanent redirect: links to them live on elsewhere.
FORMER_NAMES = {"snapshots": REPORTS.name, "decisions": NEXT_STEPS.name}


def plans_with_dataset_sizes() -> QuerySet[ActionPlan]:
    """Plans annotated with each dataset's number of rows and the latest published report."""
    published = ProgressReport.objects.published()
    latest = published.filter(commitment__plan=OuterRef("pk")).latest_first()
    return ActionPlan.objects.annotate(
        commitments_rows=row_count(Commitment.objects.all(), "plan"),
        activities_rows=row_count(Activity.objects.all(), "commitment__plan"),
        reports_rows=row_count(published, "commitment__plan"),
        next_steps_rows=row_count(NextStep.objects.published(), "meeting__committee__plan"),
        irm_rows=row_count(IRMAssessment.objects.all(), "commitment__plan"),
        questions_rows=row_count(Question.objects.public(), "commitment__plan"),
        revisions_rows=row_count(CommitmentRevision.objects.all(), "revision__plan"),
        civil_society_rows=row_count(Assessment.objects.all(), "commitment__plan"),
        latest_published=Subquery(latest.values("date")[:1]),
    ).order_by("number")


def with_datasets(plans: Iterable[ActionPlan]) -> Iterator[ActionPlan]:
    """Each of `plans` (from plans_with_dataset_sizes) with its (dataset, rows) pairs."""
    for plan in plans:
        plan.datasets = [
            (dataset, getattr(plan, f"{dataset.name.replace('-', '_')}_rows"))
            for dataset in DATASETS.values()
        ]
        yield plan


def to_csv(dataset: Dataset, rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(dataset.columns)
    kinds = dataset.kinds()
    for row in rows:
        writer.writerow(_csv_cell(kinds[column], value) for column, value in row.items())
    # The byte-order mark makes Excel read the file as UTF-8 (Arabic otherwise garbles).
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(kind, value):
    if value is None:
        return ""
    if kind == BOOLEAN:
        return "true" if value else "false"
    if kind == DATE:
        return value.isoformat()
    if kind == TEXT:
        return escape_formula(value)
    return value


def to_xlsx(dataset: Dataset, rows: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    kinds = dataset.kinds()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.name)
    sheet.freeze_panes = "A2"
    # Room to read the translated texts; numbers, dates and codes stay narrow.
    wide = {column for field in dataset.fields if field.translated for column in field.columns}
    for index, column in enumerate(dataset.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column in wide else 14
    bold = Font(bold=True)
    header = []
    for column in dataset.columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column, value in row.items():
            kind = kinds[column]
            if kind == TEXT:
                # Control characters pasted from word processors are not valid in XLSX.
                value = escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
            cell = WriteOnlyCell(sheet, value=value)
            if kind == DATE:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def to_json(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")


FORMATS = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "json": ("application/json", to_json),
}


def render(dataset: Dataset, plan: ActionPlan, fmt: str) -> tuple[bytes, str]:
    """The dataset of a plan in a format: (bytes, content type)."""
    content_type, writer = FORMATS[fmt]
    return writer(dataset, dataset.rows(plan)), content_type


def filename(
    dataset: Dataset, plan: ActionPlan, fmt: str, today: datetime.date | None = None
) -> str:
    today = today or timezone.localdate()
    return f"ogp-morocco-plan-{plan.number}-{dataset.name}-{today:%Y-%m-%d}.{fmt}"
