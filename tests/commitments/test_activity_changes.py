"""A lead's activity changes wait with the report and are made when it is published, once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from commitments.enums import ActivityStatus, MeetingStatus, ReportStatus
from commitments.models import Activity, ActivityChange, ProgressReport
from meetings import cycle
from tests.commitments.lead_forms import activity_key, load_report_form, post_report
from tests.commitments.test_import_admin import confirm, preview
from tests.factories import make_activity, make_evidence, make_meeting, make_report

END = datetime.date(2021, 3, 31)


@pytest.fixture
def activity(commitment):
    return make_activity(commitment, 1, planned_end=datetime.date(2020, 6, 30))


def proposed(commitment, activity, status=ReportStatus.SUBMITTED, **fields):
    report = make_report(commitment, percent=60, status=status, **fields)
    ActivityChange.objects.create(
        report=report, activity=activity, status=ActivityStatus.POSTPONED, revised_end=END
    )
    return report


def public_values(activity):
    activity.refresh_from_db()
    return activity.status, activity.revised_end


@pytest.mark.django_db
def test_publishing_a_report_makes_its_changes(commitment, activity, secretariat):
    report = ProgressReport.objects.get(pk=proposed(commitment, activity).pk)
    assert public_values(activity) == (ActivityStatus.PLANNED, None)

    cycle.publish_report(report, secretariat)

    assert public_values(activity) == (ActivityStatus.POSTPONED, END)
    change = report.activity_changes.get()
    assert (change.status_before, change.revised_end_before) == (ActivityStatus.PLANNED, None)
    assert change.made_at is not None
    assert activity.history.latest().history_change_reason == (
        f"Published with the progress report of {report.date}"
    )


@pytest.mark.django_db
def test_a_published_report_corrected_does_not_make_its_changes_again(
    commitment, activity, secretariat
):
    report = ProgressReport.objects.get(pk=proposed(commitment, activity).pk)
    cycle.publish_report(report, secretariat)
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.DONE)

    report.percent = 65
    cycle.correct(report, secretariat, reason="Corrected")
    with pytest.raises(cycle.Refused):
        cycle.publish_report(ProgressReport.objects.get(pk=report.pk), secretariat)

    assert public_values(activity) == (ActivityStatus.DONE, END)


@pytest.mark.django_db
def test_save_infers_no_step_even_when_the_status_says_published(commitment, activity):
    report = ProgressReport.objects.get(pk=proposed(commitment, activity).pk)

    report.status = ReportStatus.PUBLISHED
    report.save()

    assert public_values(activity) == (ActivityStatus.PLANNED, None)
    assert report.activity_changes.get().made_at is None


@pytest.mark.django_db
def test_publishing_a_meetings_status_table_makes_the_changes_of_its_rows(
    commitment, activity, secretariat
):
    meeting = make_meeting(date=datetime.date(2020, 10, 1), status=MeetingStatus.DRAFT)
    proposed(commitment, activity, status=ReportStatus.DRAFT, meeting=meeting)

    assert len(cycle.publish_meeting(meeting, secretariat)) == 1

    assert public_values(activity) == (ActivityStatus.POSTPONED, END)
    assert activity.history.latest().history_user == secretariat


@pytest.mark.django_db
def test_a_spreadsheet_that_publishes_a_report_makes_its_changes(client, secretariat, activity):
    commitment = activity.commitment
    report = proposed(commitment, activity, date=datetime.date(2020, 10, 1))
    client.force_login(secretariat)
    content = (
        "plan,commitment,date,percent,narrative_ar,status\n"
        f"{commitment.plan.number},{commitment.number},2020-10-01,60,,published\n"
    )

    response = confirm(client, preview(client, content))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert public_values(activity) == (ActivityStatus.POSTPONED, END)


@pytest.mark.django_db
def test_a_spreadsheet_preview_changes_no_activity(client, secretariat, activity):
    commitment = activity.commitment
    proposed(commitment, activity, date=datetime.date(2020, 10, 1))
    client.force_login(secretariat)
    content = (
        "plan,commitment,date,percent,narrative_ar,status\n"
        f"{commitment.plan.number},{commitment.number},2020-10-01,60,,published\n"
    )

    preview(client, content)

    assert public_values(activity) == (ActivityStatus.PLANNED, None)


@pytest.mark.django_db
def test_review_page_shows_each_change_beside_what_the_public_sees(
    client, secretariat, commitment, activity
):
    report = proposed(commitment, activity)
    client.force_login(secretariat)

    with translation.override("en"):
        page = client.get(
            reverse("admin:commitments_reportawaitingreview_change", args=[report.pk]),
            headers={"accept-language": "en"},
        )

    assert page.status_code == 200
    inline = next(
        formset
        for formset in page.context["inline_admin_formsets"]
        if formset.opts.model is ActivityChange
    )
    (row,) = list(inline)
    shown = {
        field.field["name"]: field.contents()
        for fieldset in row
        for line in fieldset
        for field in line
    }
    assert (shown["status_now"], shown["proposed_status"]) == (
        str(ActivityStatus.PLANNED.label),
        str(ActivityStatus.POSTPONED.label),
    )
    assert shown["revised_end_now"] == "—"


@pytest.mark.django_db
def test_a_returned_report_keeps_its_changes_for_the_lead_to_revise(
    client, owning_lead, commitment, activity
):
    proposed(commitment, activity, status=ReportStatus.RETURNED)
    client.force_login(owning_lead)

    data = load_report_form(client, commitment)
    assert data[activity_key(data, activity, "status")] == ActivityStatus.POSTPONED
    data[activity_key(data, activity, "status")] = ActivityStatus.IN_PROGRESS
    data["narrative"] = "استئناف النشاط بعد التأجيل"
    assert post_report(client, commitment, data, action="submit").status_code == 302

    change = ActivityChange.objects.get()
    assert (change.status, change.revised_end) == (ActivityStatus.IN_PROGRESS, END)
    assert public_values(activity) == (ActivityStatus.PLANNED, None)


@pytest.mark.django_db
def test_lead_form_flags_an_activity_overdue_as_the_report_leaves_it(
    client, owning_lead, commitment, activity
):
    late = make_activity(commitment, 2, planned_end=datetime.date(2020, 6, 30))
    draft = make_report(commitment, status=ReportStatus.DRAFT)
    draft.activity_changes.create(activity=activity, status=ActivityStatus.DONE)
    client.force_login(owning_lead)

    page = client.get(reverse("leads:commitment_update", args=[commitment.pk]))

    flags = {form.instance: overdue for form, overdue, _ in page.context["activity_rows"]}
    assert flags == {activity: False, late: True}
    assert Activity.objects.overdue().count() == 2  # Both, as published.


@pytest.mark.django_db
def test_review_queue_counts_each_reports_activity_changes_and_files(
    client, secretariat, commitment, activity, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = proposed(commitment, activity)
    second = make_activity(commitment, 2)
    ActivityChange.objects.create(report=report, activity=second, status=ActivityStatus.DONE)
    make_evidence(report)
    client.force_login(secretariat)

    page = client.get(reverse("admin:commitments_reportawaitingreview_changelist"))

    (row,) = page.context["cl"].result_list
    assert (row.activity_changes__count, row.evidence__count) == (2, 1)
