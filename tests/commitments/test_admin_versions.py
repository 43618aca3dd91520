"""The secretariat's admin pages and the leads' form never overwrite each other's saves."""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.forms import modelform_factory
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from commitments.enums import ActivityStatus, ReportStatus
from commitments.models import Activity, Commitment, ProgressReport
from ogptracker.secretariat.admin.versions import VersionedForm
from tests.admin_forms import as_posted, inline_key, load_admin_form
from tests.commitments.lead_forms import activity_key, load_report_form, post_report
from tests.factories import make_activity, make_commitment, make_meeting, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(secretariat):
    signed_in = Client()
    signed_in.force_login(secretariat)
    return signed_in


@pytest.fixture
def lead_client(client, owning_lead):
    client.force_login(owning_lead)
    return client


@pytest.fixture
def draft(commitment, owning_lead):
    return make_report(
        commitment,
        percent=72,
        status=ReportStatus.DRAFT,
        date=timezone.localdate(),
        author=owning_lead,
        narrative="إعداد الدليل",
    )


@pytest.fixture
def activity(commitment):
    return make_activity(
        commitment, 1, title="إعداد الدليل", planned_end=datetime.date(2030, 6, 30)
    )


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:commitments_{name}", args=args)


def version(commitment):
    return Commitment.objects.get(pk=commitment.pk).version


def table(response):
    return [(str(d.label), d.loaded, d.current, d.yours) for d in response.context["conflict"]]


def shown_date(report):
    with translation.override("en"):
        return date_format(report.date)


def lead_saves(lead_client, commitment, **changes):
    response = post_report(
        lead_client, commitment, {**load_report_form(lead_client, commitment), **changes}
    )
    assert response.status_code == 302


def lead_table(response):
    """The lead's conflict table, each label's last part (the field)."""
    return [
        (str(d.label).split(" — ")[-1], d.loaded, d.current, d.yours)
        for d in response.context["conflict"]
    ]


# The report's own page (ProgressReportAdmin).


def test_report_page_opened_before_a_lead_saved_is_refused_with_what_moved(
    admin_client, lead_client, commitment, draft
):
    url = admin_url("progressreport_change", draft.pk)
    page = load_admin_form(admin_client, url)
    lead_saves(lead_client, commitment, percent="80")

    response = admin_client.post(url, {**page, "percent": "75"})

    assert response.status_code == 200
    assert table(response) == [("Progress (%)", 72, 80, 75)]
    assert "someone else saved this commitment" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.percent, version(commitment)) == (80, 2)


def test_report_page_refused_saves_when_posted_again(admin_client, lead_client, commitment, draft):
    url = admin_url("progressreport_change", draft.pk)
    page = load_admin_form(admin_client, url)
    lead_saves(lead_client, commitment, percent="80")
    refused = admin_client.post(url, {**page, "percent": "75"})

    response = admin_client.post(url, as_posted(refused.context["adminform"].form.data))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.percent, version(commitment)) == (75, 3)


def test_report_page_save_moves_the_version_once_and_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment, draft
):
    mine = load_report_form(lead_client, commitment)
    url = admin_url("progressreport_change", draft.pk)

    saved = admin_client.post(url, {**load_admin_form(admin_client, url), "percent": "75"})

    assert saved.status_code == 302
    assert version(commitment) == 2
    with translation.override("en"):
        response = post_report(lead_client, commitment, {**mine, "narrative": "تكوين الموظفين"})
    assert response.status_code == 200
    assert lead_table(response) == [("Progress (%)", 72, 75, 72)]
    draft.refresh_from_db()
    assert (draft.percent, draft.narrative_ar) == (75, "إعداد الدليل")


def test_report_added_in_the_admin_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment
):
    mine = load_report_form(lead_client, commitment)
    url = admin_url("progressreport_add")
    page = load_admin_form(admin_client, url)
    page.update(
        {"commitment": str(commitment.pk), "date": "2026-01-15", "percent": "75", "status": "draft"}
    )

    saved = admin_client.post(url, page)

    assert saved.status_code == 302
    assert version(commitment) == 2
    response = post_report(lead_client, commitment, {**mine, "percent": "60"})
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert list(commitment.reports.values_list("percent", flat=True)) == [75]


def test_report_deleted_in_the_admin_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment, draft
):
    mine = load_report_form(lead_client, commitment)

    deleted = admin_client.post(admin_url("progressreport_delete", draft.pk), {"post": "yes"})

    assert deleted.status_code == 302
    assert version(commitment) == 2
    response = post_report(lead_client, commitment, {**mine, "percent": "80"})
    assert response.context["conflict"] is not None
    assert not commitment.reports.exists()


# The review queue's page (ReportAwaitingReviewAdmin).


def test_review_page_opened_before_a_return_and_resubmission_is_refused(
    admin_client, lead_client, secretariat, commitment, draft
):
    draft.status = ReportStatus.SUBMITTED
    draft.save()
    url = admin_url("reportawaitingreview_change", draft.pk)
    page = load_admin_form(admin_client, url)
    colleague = Client()
    colleague.force_login(secretariat)
    colleague.post(
        reverse("admin:commitments_reportawaitingreview_changelist"),
        {
            "action": "return_for_revision",
            "_selected_action": [draft.pk],
            "apply": "1",
            f"comment-{draft.pk}": "النسبة؟",
        },
    )
    resubmitted = post_report(
        lead_client,
        commitment,
        {**load_report_form(lead_client, commitment), "percent": "80"},
        action="submit",
    )
    assert resubmitted.status_code == 302

    response = admin_client.post(url, {**page, "percent": "75"})

    assert response.status_code == 200
    assert table(response) == [("Progress (%)", 72, 80, 75)]
    draft.refresh_from_db()
    assert (draft.percent, draft.status) == (80, ReportStatus.SUBMITTED)


def test_review_page_save_moves_the_version_once(admin_client, commitment, draft):
    draft.status = ReportStatus.SUBMITTED
    draft.save()
    url = admin_url("reportawaitingreview_change", draft.pk)

    response = admin_client.post(url, {**load_admin_form(admin_client, url), "percent": "75"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.percent, version(commitment)) == (75, 2)


# The commitment's page, its activities and reports inline (CommitmentAdmin).


def test_commitment_page_opened_before_a_lead_saved_is_refused_with_what_moved(
    admin_client, lead_client, commitment, draft, activity
):
    url = admin_url("commitment_change", commitment.pk)
    page = load_admin_form(admin_client, url)
    lead_saves(lead_client, commitment, percent="80")
    page[inline_key(page, "activities", activity.pk, "title_ar")] = "إعداد الدليل المرجعي"

    response = admin_client.post(url, page)

    assert response.status_code == 200
    assert table(response) == [(f"{commitment} — {shown_date(draft)} — Progress (%)", 72, 80, 72)]
    activity.refresh_from_db()
    assert (activity.title_ar, version(commitment)) == ("إعداد الدليل", 2)


def test_commitment_page_lists_a_report_added_since_it_was_loaded(
    admin_client, lead_client, commitment, activity
):
    url = admin_url("commitment_change", commitment.pk)
    page = load_admin_form(admin_client, url)
    lead_saves(lead_client, commitment, percent="80")
    added = commitment.reports.get()

    response = admin_client.post(url, page)

    assert table(response) == [
        (f"{commitment} — {shown_date(added)}", "—", "added since you opened the page", "—")
    ]


def test_commitment_page_save_moves_the_version_once_and_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment, activity
):
    mine = load_report_form(lead_client, commitment)
    url = admin_url("commitment_change", commitment.pk)
    page = load_admin_form(admin_client, url)
    page[inline_key(page, "activities", activity.pk, "status")] = ActivityStatus.DONE

    saved = admin_client.post(url, page)

    assert saved.status_code == 302
    assert version(commitment) == 2
    with translation.override("en"):
        response = post_report(lead_client, commitment, {**mine, "percent": "60"})
    assert lead_table(response) == [("Status", "Planned", "Done", "Planned")]
    assert not commitment.reports.exists()


# The activity's own page (ActivityAdmin).


def test_activity_page_opened_before_a_lead_saved_is_refused(
    admin_client, lead_client, commitment, activity
):
    url = admin_url("activity_change", activity.pk)
    page = load_admin_form(admin_client, url)
    mine = load_report_form(lead_client, commitment)
    mine[activity_key(mine, activity, "revised_end")] = "2030-12-31"
    post_report(lead_client, commitment, mine)

    response = admin_client.post(url, {**page, "title_ar": "إعداد الدليل المرجعي"})

    assert response.status_code == 200
    # The lead proposes changes with the report; the activity itself did not move.
    assert table(response) == []
    assert "The other save changed nothing this page shows." in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title_ar == "إعداد الدليل"


def test_activity_page_opened_before_a_colleague_saved_is_refused_with_what_moved(
    admin_client, secretariat, commitment, activity
):
    url = admin_url("activity_change", activity.pk)
    page = load_admin_form(admin_client, url)
    colleague = Client()
    colleague.force_login(secretariat)
    theirs = load_admin_form(colleague, url)
    colleague.post(url, {**theirs, "status": ActivityStatus.IN_PROGRESS})

    response = admin_client.post(url, {**page, "title_ar": "إعداد الدليل المرجعي"})

    assert table(response) == [
        ("Status", "Planned", "In progress", "Planned"),
    ]
    activity.refresh_from_db()
    assert (activity.title_ar, activity.status) == ("إعداد الدليل", ActivityStatus.IN_PROGRESS)


def test_activity_page_save_moves_the_version_once_and_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment, activity
):
    mine = load_report_form(lead_client, commitment)
    url = admin_url("activity_change", activity.pk)

    saved = admin_client.post(
        url, {**load_admin_form(admin_client, url), "status": ActivityStatus.DONE}
    )

    assert saved.status_code == 302
    assert version(commitment) == 2
    with translation.override("en"):
        response = post_report(lead_client, commitment, {**mine, "percent": "60"})
    assert lead_table(response) == [("Status", "Planned", "Done", "Planned")]


def test_activity_revert_page_opened_before_a_colleague_saved_is_refused(
    admin_client, secretariat, commitment, activity
):
    url = admin_url("activity_simple_history", activity.pk, activity.history.earliest().pk)
    page = load_admin_form(admin_client, url)
    colleague = Client()
    colleague.force_login(secretariat)
    change_url = admin_url("activity_change", activity.pk)
    colleague.post(
        change_url, {**load_admin_form(colleague, change_url), "status": ActivityStatus.DONE}
    )

    response = admin_client.post(url, page)

    assert response.status_code == 200
    assert table(response) == [("Status", "Planned", "Done", "Planned")]
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DONE


def test_activity_revert_moves_the_version_once(admin_client, commitment, activity):
    activity.status = ActivityStatus.DONE
    activity.save()
    url = admin_url("activity_simple_history", activity.pk, activity.history.earliest().pk)

    response = admin_client.post(url, load_admin_form(admin_client, url))

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, version(commitment)) == (ActivityStatus.PLANNED, 2)


# A meeting's status table (StatusTableInline of MeetingAdmin): rows of several commitments.


@pytest.fixture
def status_table(commitment):
    """A draft meeting's table: the lead's commitment, and another one."""
    meeting = make_meeting(status="draft")
    other = make_commitment(plan=commitment.plan)
    today = timezone.localdate()
    rows = [
        make_report(c, percent=p, status=ReportStatus.DRAFT, date=today, meeting=meeting)
        for c, p in ((commitment, 72), (other, 40))
    ]
    return meeting, other, rows


def meeting_url(meeting):
    with translation.override("en"):
        return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def colleague_saves_row(secretariat, meeting, row, percent):
    """Another member of the secretariat changes a row of the meeting's table."""
    colleague = Client()
    colleague.force_login(secretariat)
    page = load_admin_form(colleague, meeting_url(meeting))
    page[inline_key(page, "reports", row.pk, "percent")] = percent
    assert colleague.post(meeting_url(meeting), page).status_code == 302


def test_status_table_refuses_the_rows_whose_commitment_moved_since_loaded(
    admin_client, secretariat, commitment, status_table
):
    meeting, other, (mine, theirs) = status_table
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    colleague_saves_row(secretariat, meeting, mine, "80")
    page[inline_key(page, "reports", mine.pk, "percent")] = "75"
    page[inline_key(page, "reports", theirs.pk, "percent")] = "45"

    response = admin_client.post(url, page)

    assert response.status_code == 200
    assert table(response) == [(f"{commitment} — {shown_date(mine)} — Progress (%)", 72, 80, 75)]
    assert list(
        ProgressReport.objects.filter(meeting=meeting)
        .order_by("commitment__number")
        .values_list("percent", "commitment__version")
    ) == [(80, 2), (40, 1)]


def test_status_table_refused_saves_when_posted_again(
    admin_client, secretariat, commitment, status_table
):
    meeting, other, (mine, theirs) = status_table
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    colleague_saves_row(secretariat, meeting, mine, "80")
    page[inline_key(page, "reports", mine.pk, "percent")] = "75"
    page[inline_key(page, "reports", theirs.pk, "percent")] = "45"
    refused = admin_client.post(url, page)

    response = admin_client.post(url, as_posted(refused.context["adminform"].form.data))

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.percent, theirs.percent) == (75, 45)
    assert (version(commitment), version(other)) == (3, 2)


def test_status_table_claims_a_commitment_of_two_rows_once(admin_client, commitment, status_table):
    meeting, other, (mine, theirs) = status_table
    again = make_report(
        commitment, percent=10, status=ReportStatus.DRAFT, date=mine.date, meeting=meeting
    )
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    page[inline_key(page, "reports", mine.pk, "percent")] = "75"
    page[inline_key(page, "reports", again.pk, "percent")] = "15"

    response = admin_client.post(url, page)

    assert response.status_code == 302
    again.refresh_from_db()
    assert (again.percent, version(commitment), version(other)) == (15, 2, 1)


def test_status_table_saves_the_rows_of_commitments_that_did_not_move(
    admin_client, secretariat, commitment, status_table
):
    meeting, other, (mine, theirs) = status_table
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    colleague_saves_row(secretariat, meeting, mine, "80")
    page[inline_key(page, "reports", theirs.pk, "percent")] = "45"

    response = admin_client.post(url, page)

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.percent, theirs.percent) == (80, 45)
    assert (version(commitment), version(other)) == (2, 2)


def test_status_table_row_added_makes_its_commitment_stale(admin_client, lead_client, commitment):
    meeting = make_meeting(status="draft")
    report = load_report_form(lead_client, commitment)
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    page.update(
        {
            "reports-TOTAL_FORMS": "1",
            "reports-0-commitment": str(commitment.pk),
            "reports-0-date": timezone.localdate().isoformat(),
            "reports-0-percent": "75",
            "reports-0-status": ReportStatus.DRAFT,
        }
    )

    saved = admin_client.post(url, page)

    assert saved.status_code == 302
    assert version(commitment) == 2
    response = post_report(lead_client, commitment, {**report, "percent": "60"})
    assert response.context["conflict"] is not None
    assert list(commitment.reports.values_list("percent", flat=True)) == [75]


def test_status_table_save_refuses_a_lead_form_opened_before(
    admin_client, lead_client, commitment, status_table
):
    meeting, other, (mine, theirs) = status_table
    report = load_report_form(lead_client, commitment)
    url = meeting_url(meeting)
    page = load_admin_form(admin_client, url)
    page[inline_key(page, "reports", mine.pk, "percent")] = "75"

    saved = admin_client.post(url, page)

    assert saved.status_code == 302
    assert (version(commitment), version(other)) == (2, 1)
    with translation.override("en"):
        response = post_report(lead_client, commitment, {**report, "percent": "60"})
    # Refused, though nothing of the lead's own report moved: the table is empty.
    assert (response.status_code, lead_table(response)) == (200, [])
    assert not commitment.reports.by_leads().exists()
    mine.refresh_from_db()
    assert mine.percent == 75


# The check and the save are one: from validation on, the commitment waits for the admin's commit.


@pytest.mark.django_db(transaction=True)
def test_validated_admin_form_holds_its_commitment_until_the_save_commits(commitment, draft):
    form_class = modelform_factory(ProgressReport, form=VersionedForm, fields=["percent"])
    loaded = form_class(instance=draft)
    data = {"percent": "75", "initial-percent": "72", "commitment_version": "1"}
    outcome = []

    def lead_claims():
        try:
            with transaction.atomic():
                Commitment.objects.select_for_update(nowait=True).filter(pk=commitment.pk).exists()
        except OperationalError:
            outcome.append("waits")
        else:
            outcome.append("claimed")
        finally:
            connection.close()

    with transaction.atomic():
        form = form_class(data, instance=ProgressReport.objects.get(pk=draft.pk))
        assert form.is_valid()
        lead = threading.Thread(target=lead_claims)
        lead.start()
        lead.join()
    after = threading.Thread(target=lead_claims)
    after.start()
    after.join()

    assert loaded.initial["commitment_version"] == 1
    assert outcome == ["waits", "claimed"]
