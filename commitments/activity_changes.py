"""Changes to activities that a lead proposes with a progress report.

They are kept with the report (`ActivityChange`) and made to the activities
only when the report is published, so the public never sees an activity's
status or revised end before the secretariat has validated it. The lead's
form shows each activity as the open report would leave it.
"""

from collections.abc import Iterable

from django.forms import BaseForm
from django.utils import timezone

from .models import Activity, ActivityChange, ProgressReport

FIELDS = ("status", "revised_end")


def as_proposed(activities: Iterable[Activity], report: ProgressReport | None) -> list[Activity]:
    """`activities` as `report` would leave them, in memory only.

    Each keeps its public values in `public_values`, for the form to tell
    what the report changes.
    """
    activities = list(activities)
    changes = {}
    if report is not None:
        changes = {change.activity_id: change for change in report.activity_changes.all()}
    for activity in activities:
        activity.public_values = {name: getattr(activity, name) for name in FIELDS}
        change = changes.get(activity.pk)
        if change is not None:
            for name in FIELDS:
                setattr(activity, name, getattr(change, name))
    return activities


def propose(report: ProgressReport, activity_forms: Iterable[BaseForm]) -> None:
    """Keep with `report` what `activity_forms` change from the public activities.

    An activity set back to its public values has no change left to propose.
    Forms for activities of another commitment are ignored.
    """
    public = {
        row["pk"]: row
        for row in Activity.objects.filter(commitment=report.commitment_id).values("pk", *FIELDS)
    }
    kept = {change.activity_id: change for change in report.activity_changes.all()}
    for form in activity_forms:
        activity_id = form.instance.pk
        if activity_id not in public:
            continue
        wanted = {name: form.cleaned_data.get(name) for name in FIELDS}
        change = kept.get(activity_id)
        if all(wanted[name] == public[activity_id][name] for name in FIELDS):
            if change is not None:
                change.delete()
        elif change is None:
            ActivityChange.objects.create(report=report, activity_id=activity_id, **wanted)
        elif any(getattr(change, name) != wanted[name] for name in FIELDS):
            for name, value in wanted.items():
                setattr(change, name, value)
            change.save(update_fields=list(FIELDS))


def make_changes(report: ProgressReport) -> None:
    """Make to the activities the changes of `report`, a report being published."""
    user = getattr(report, "_history_user", None)
    now = timezone.now()
    pending = report.activity_changes.filter(made_at__isnull=True).select_related("activity")
    for change in pending:
        activity = change.activity
        for name in FIELDS:
            setattr(change, f"{name}_before", getattr(activity, name))
            setattr(activity, name, getattr(change, name))
        activity._change_reason = f"Published with the progress report of {report.date}"
        if user is not None:
            activity._history_user = user
        activity.save()
        change.made_at = now
        change.save(update_fields=["made_at", *(f"{name}_before" for name in FIELDS)])


def make_pending_changes() -> None:
    """Make the changes of every published report whose changes are not made yet.

    For publications that do not go through `ProgressReport.save`, such as
    a spreadsheet of reports saved by batches.
    """
    published = ProgressReport.objects.published().filter(activity_changes__made_at__isnull=True)
    for report in published.distinct().order_by("date", "pk"):
        make_changes(report)
