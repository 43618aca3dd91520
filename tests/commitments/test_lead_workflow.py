"""A report's way from the lead's draft to the public figure, and the concurrent-edit guard."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from commitments.enums import ActivityStatus, ReportStatus
from commitments.models import Commitment, ProgressReport
from ogptracker.publishing.change_log import published_change_log
from tests.commitments.lead_forms import activity_key, load_report_form, post_report
from tests.factories import make_activity, make_report, make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def activity(commitment):
    return make_activity(
        commitment,
        1,
        planned_start=datetime.date(2019, 1, 1),
        planned_end=datetime.date(2020, 6, 30),
    )


def public_figure(commitment):
    return Commitment.objects.with_latest_progress().get(pk=commitment.pk).latest_percent


def public_page(commitment):
    """What an anonymous visitor reads: figure, narratives, change-log entries, activities."""
    visitor = Client()
    url = reverse(
        "commitments:commitment_detail",
        kwargs={"plan_number": commitment.plan.number, "number": commitment.number},
    )
    response = visitor.get(url)
    assert response.status_code == 200
    page = response.context["commitment"]
    return (
        page.latest_percent,
        [report.narrative for report in page.published_reports],
        [(entry.kind, entry.percent) for entry in response.context["change_log"]],
        [(activity.status, activity.revised_end) for activity in page.activities.all()],
    )


def secretariat_action(client, action, report, **extra):
    return client.post(
        reverse("admin:commitments_reportawaitingreview_changelist"),
        {"action": action, "_selected_action": [report.pk], **extra},
    )


@pytest.mark.django_db
def test_report_workflow_reaches_the_public_only_once_approved(
    client, owning_lead, secretariat, commitment, activity
):
    make_report(commitment, percent=40, date=datetime.date(2020, 1, 15), narrative="تقرير يناير")
    client.force_login(owning_lead)

    # Draft: saved, not public.
    data = load_report_form(client, commitment)
    data.update({"percent": "55", "narrative": "صدور المرسوم التطبيقي"})
    data[activity_key(data, activity, "status")] = ActivityStatus.DONE
    response = post_report(client, commitment, data, action="draft")
    assert response.status_code == 302
    report = commitment.reports.get(status=ReportStatus.DRAFT)
    assert (report.percent, report.narrative_ar, report.author) == (
        55,
        "صدور المرسوم التطبيقي",
        owning_lead,
    )
    assert public_figure(commitment) == 40
    before = (40, ["تقرير يناير"], [("published", 40)], [(ActivityStatus.PLANNED, None)])
    assert public_page(commitment) == before

    # Submitted: with the secretariat, still not public, no longer editable by the lead.
    data = load_report_form(client, commitment)
    assert data["narrative"] == "صدور المرسوم التطبيقي"
    assert data[activity_key(data, activity, "status")] == ActivityStatus.DONE
    data[activity_key(data, activity, "revised_end")] = "2020-12-31"
    post_report(client, commitment, data, action="submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert public_figure(commitment) == 40
    assert public_page(commitment) == before
    page = client.get(reverse("leads:commitment_update", args=[commitment.pk]))
    assert page.context["can_edit"] is False
    assert [(c.activity, c.status) for c in page.context["proposed_changes"]] == [
        (activity, ActivityStatus.DONE)
    ]

    # Returned with a comment: the lead sees it.
    client.force_login(secretariat)
    secretariat_action(
        client,
        "return_for_revision",
        report,
        apply="1",
        **{f"comment-{report.pk}": "أرفقوا المرسوم"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert [comment.text for comment in report.review_comments.all()] == ["أرفقوا المرسوم"]
    assert public_figure(commitment) == 40
    assert public_page(commitment) == before
    client.force_login(owning_lead)
    page = client.get(reverse("leads:commitment_update", args=[commitment.pk]))
    assert "أرفقوا المرسوم" in page.content.decode()

    # Revised and resubmitted, then approved: public.
    data = load_report_form(client, commitment)
    data["percent"] = "60"
    post_report(client, commitment, data, action="submit")
    report.refresh_from_db()
    assert (report.status, report.percent) == (ReportStatus.SUBMITTED, 60)
    client.force_login(secretariat)
    secretariat_action(client, "approve_and_publish", report)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None
    assert public_figure(commitment) == 60
    assert public_page(commitment) == (
        60,
        ["صدور المرسوم التطبيقي", "تقرير يناير"],
        [("published", 60), ("published", 40)],
        [(ActivityStatus.DONE, datetime.date(2020, 12, 31))],
    )
    latest = activity.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        secretariat,
        f"Published with the progress report of {report.date}",
    )
    assert list(ProgressReport.objects.published().filter(commitment=commitment)) == [
        report,
        commitment.reports.get(percent=40),
    ]
    log = published_change_log(commitment)
    assert [(entry.kind, entry.previous_percent, entry.percent) for entry in log] == [
        ("published", 40, 60),
        ("published", None, 40),
    ]


@pytest.mark.django_db
def test_report_workflow_records_who_did_each_step(client, owning_lead, secretariat, commitment):
    client.force_login(owning_lead)
    data = {**load_report_form(client, commitment), "narrative": "تم إعداد الدليل"}
    post_report(client, commitment, data, action="submit")
    report = commitment.reports.get()
    client.force_login(secretariat)

    secretariat_action(client, "approve_and_publish", report)

    steps = [
        (record.history_user, record.history_change_reason, record.status)
        for record in report.history.order_by("history_date")
    ]
    assert steps == [
        (owning_lead, "Submitted for review", ReportStatus.SUBMITTED),
        (secretariat, "Approved and published", ReportStatus.PUBLISHED),
    ]


@pytest.mark.django_db
def test_activity_change_waits_with_the_draft_and_is_dropped_when_set_back(
    client, owning_lead, commitment, activity
):
    client.force_login(owning_lead)
    data = load_report_form(client, commitment)
    data[activity_key(data, activity, "revised_end")] = "2020-12-31"

    post_report(client, commitment, data)

    draft = commitment.reports.get(status=ReportStatus.DRAFT)
    change = draft.activity_changes.get()
    assert (change.activity, change.status, change.revised_end, change.made_at) == (
        activity,
        ActivityStatus.PLANNED,
        datetime.date(2020, 12, 31),
        None,
    )
    assert activity.history.count() == 1
    page = client.get(reverse("leads:commitment_update", args=[commitment.pk]))
    assert [published for _, _, published in page.context["activity_rows"]] == [
        {"revised_end": None}
    ]
    assert 'class="proposed-note"' in page.content.decode()

    data = load_report_form(client, commitment)
    assert data[activity_key(data, activity, "revised_end")] == "2020-12-31"
    data[activity_key(data, activity, "revised_end")] = ""
    post_report(client, commitment, data)

    assert not draft.activity_changes.exists()
    activity.refresh_from_db()
    assert activity.revised_end is None


@pytest.mark.django_db
def test_return_without_a_comment_is_refused(client, secretariat, commitment):
    report = make_report(commitment, status=ReportStatus.SUBMITTED)
    client.force_login(secretariat)

    response = secretariat_action(
        client, "return_for_revision", report, apply="1", **{f"comment-{report.pk}": "  "}
    )

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    messages = [str(message) for message in response.wsgi_request._messages]
    assert len(messages) == 1
    assert messages[0].startswith("لم تتم الإعادة: لا يُعاد التقرير إلا مرفقا بملاحظة")


@pytest.mark.django_db
def test_return_action_asks_for_a_comment_first(client, secretariat, commitment):
    report = make_report(commitment, status=ReportStatus.SUBMITTED)
    client.force_login(secretariat)

    response = secretariat_action(client, "return_for_revision", report)

    assert response.status_code == 200
    assert f'name="comment-{report.pk}"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_review_queue_lists_only_submitted_reports(client, secretariat, commitment):
    submitted = make_report(commitment, status=ReportStatus.SUBMITTED)
    make_report(commitment, status=ReportStatus.DRAFT)
    make_report(commitment, status=ReportStatus.PUBLISHED)
    client.force_login(secretariat)

    response = client.get(reverse("admin:commitments_reportawaitingreview_changelist"))

    assert [report.pk for report in response.context["cl"].result_list] == [submitted.pk]


@pytest.mark.django_db
def test_review_queue_change_page_returns_with_the_comment_typed_there(
    client, secretariat, commitment
):
    report = make_report(commitment, status=ReportStatus.SUBMITTED, narrative="نص")
    client.force_login(secretariat)
    url = reverse("admin:commitments_reportawaitingreview_change", args=[report.pk])
    page = client.get(url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key != "commitment"
    }
    data.update({"review_comment": "النسبة غير مبررة", "_return": "1"})
    for inline in ("activity_changes", "review_comments", "evidence"):
        data.update({f"{inline}-TOTAL_FORMS": 0, f"{inline}-INITIAL_FORMS": 0})

    response = client.post(url, data)

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.status == ReportStatus.RETURNED
    assert [(c.text, c.author) for c in report.review_comments.all()] == [
        ("النسبة غير مبررة", secretariat)
    ]


@pytest.mark.django_db
def test_second_concurrent_save_is_refused_and_shows_what_changed(
    client, owning_lead, commitment, activity
):
    co_lead = make_user("co_lead")
    commitment.leads.add(co_lead)
    make_report(commitment, percent=40)
    other = client.__class__()
    client.force_login(owning_lead)
    other.force_login(co_lead)
    mine = load_report_form(client, commitment)
    theirs = load_report_form(other, commitment)
    theirs.update({"percent": "60", "narrative": "إطلاق البوابة"})
    theirs[activity_key(theirs, activity, "revised_end")] = "2020-12-31"
    post_report(other, commitment, theirs)
    mine.update({"percent": "70", "narrative": "تكوين الموظفين"})

    with translation.override("en"):
        response = post_report(client, commitment, mine)

    assert response.status_code == 200
    saved = commitment.reports.get(status=ReportStatus.DRAFT)
    assert (saved.percent, saved.narrative_ar) == (60, "إطلاق البوابة")
    assert Commitment.objects.get(pk=commitment.pk).version == 2
    assert saved.activity_changes.get().revised_end == datetime.date(2020, 12, 31)
    shown = [
        (str(d.label).split(" — ")[-1], d.loaded, d.current, d.yours)
        for d in response.context["conflict"]
    ]
    assert shown == [
        ("Progress (%)", 40, 60, 70),
        ("Actions taken", "—", "إطلاق البوابة", "تكوين الموظفين"),
        ("Revised end", "—", datetime.date(2020, 12, 31), "—"),
    ]
    assert "someone else saved this commitment" in response.content.decode()


@pytest.mark.django_db
def test_refused_save_can_be_made_again_knowingly(client, owning_lead, commitment):
    co_lead = make_user("co_lead")
    commitment.leads.add(co_lead)
    other = client.__class__()
    client.force_login(owning_lead)
    other.force_login(co_lead)
    mine = load_report_form(client, commitment)
    theirs = load_report_form(other, commitment)
    post_report(other, commitment, {**theirs, "percent": "60"})
    refused = post_report(client, commitment, {**mine, "percent": "70"})

    response = post_report(client, commitment, refused.context["form"].data.dict())

    assert response.status_code == 302
    assert commitment.reports.get().percent == 70
    assert Commitment.objects.get(pk=commitment.pk).version == 3


@pytest.mark.django_db
def test_save_from_a_tab_opened_before_the_secretariat_decided_is_refused(
    client, owning_lead, secretariat, commitment
):
    client.force_login(owning_lead)
    data = {**load_report_form(client, commitment), "narrative": "تم إعداد الدليل"}
    post_report(client, commitment, data, action="draft")
    stale_tab = load_report_form(client, commitment)
    post_report(client, commitment, load_report_form(client, commitment), action="submit")
    report = commitment.reports.get()
    client.force_login(secretariat)
    secretariat_action(
        client, "return_for_revision", report, apply="1", **{f"comment-{report.pk}": "؟"}
    )
    client.force_login(owning_lead)

    response = post_report(client, commitment, {**stale_tab, "percent": "90"}, action="submit")

    report.refresh_from_db()
    assert response.context["conflict"] == []
    assert (report.status, report.percent) == (ReportStatus.RETURNED, 0)


@pytest.mark.django_db
def test_submitting_without_actions_or_no_progress_is_refused(client, owning_lead, commitment):
    client.force_login(owning_lead)

    response = post_report(client, commitment, load_report_form(client, commitment), "submit")

    assert response.status_code == 200
    assert response.context["form"].errors["narrative"] == [
        "صفوا الإجراءات المنجزة قبل الإرسال، أو أشّروا على «لا تقدم»."
    ]
    assert commitment.reports.count() == 0


@pytest.mark.django_db
def test_report_in_french_too_reaches_the_french_pages(
    client, owning_lead, secretariat, commitment
):
    make_report(commitment, percent=40, schedule="برمجة ورشة", schedule_fr="Atelier prévu")
    client.force_login(owning_lead)

    data = load_report_form(client, commitment)
    # A new report starts from the last published schedule, in both languages.
    assert (data["schedule"], data["schedule_fr"]) == ("برمجة ورشة", "Atelier prévu")
    data.update(
        {
            "percent": "55",
            "narrative": "صدور المرسوم التطبيقي",
            "narrative_fr": "Publication du décret d'application",
            "platform_note_fr": "Indicateurs à saisir",
        }
    )
    post_report(client, commitment, data, action="submit")
    report = commitment.reports.get(status=ReportStatus.SUBMITTED)
    assert (report.narrative_ar, report.narrative_fr, report.platform_note_fr) == (
        "صدور المرسوم التطبيقي",
        "Publication du décret d'application",
        "Indicateurs à saisir",
    )
    awaiting = client.get(reverse("leads:commitment_update", args=[commitment.pk]))
    assert "Publication du décret d&#x27;application" in awaiting.content.decode()

    client.force_login(secretariat)
    secretariat_action(client, "approve_and_publish", report)
    for language, narrative in (("ar", "صدور المرسوم التطبيقي"), ("fr", "Publication du décret")):
        with translation.override(language):
            url = reverse(
                "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
            )
        assert narrative in Client().get(url).content.decode()


@pytest.mark.django_db
def test_report_awaiting_review_without_arabic_texts_shows_a_dash_not_none(
    client, owning_lead, commitment
):
    # As an import or the French form alone leaves them: no Arabic version at all.
    make_report(commitment, 40, status="submitted", narrative_ar=None, schedule_ar=None)
    client.force_login(owning_lead)

    page = client.get(reverse("leads:commitment_update", args=[commitment.pk]))

    summary = page.content.decode().split('<dl class="report-summary">')[1].split("</dl>")[0]
    assert "None" not in summary
    assert summary.count('<dd dir="auto">—') == 2
