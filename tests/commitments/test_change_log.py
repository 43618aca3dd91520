"""The public change log tells publications, corrections and withdrawals, nothing private."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from commitments.enums import ActivityStatus, ReportStatus
from commitments.models import ProgressReport
from meetings import cycle
from ogptracker.publishing.change_log import published_change_log
from tests.factories import make_activity, make_evidence, make_report


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def kinds(commitment):
    return [
        (entry.kind, entry.previous_percent, entry.percent)
        for entry in published_change_log(commitment)
    ]


@pytest.mark.django_db
def test_change_log_leaves_out_drafts_submissions_and_returns(commitment):
    report = make_report(commitment, percent=30, status=ReportStatus.DRAFT)
    report.status = ReportStatus.SUBMITTED
    report.save()
    report.status = ReportStatus.RETURNED
    report.save()

    assert published_change_log(commitment) == []


@pytest.mark.django_db
def test_change_log_tells_publications_with_the_figure_they_replace(commitment):
    make_report(commitment, percent=20, date=datetime.date(2019, 6, 1))
    make_report(commitment, percent=45, date=datetime.date(2020, 6, 17))

    assert kinds(commitment) == [("published", 20, 45), ("published", None, 20)]


@pytest.mark.django_db
def test_change_log_tells_a_correction_of_a_published_report(commitment):
    report = make_report(commitment, percent=45, narrative="نص أول")
    report.percent = 50
    report.narrative_ar = "نص مصحح"
    report.save()

    log = published_change_log(commitment)

    assert kinds(commitment) == [("corrected", 45, 50), ("published", None, 45)]
    assert (log[0].changed, log[0].narrative) == (["percent", "narrative"], "نص مصحح")


@pytest.mark.django_db
def test_change_log_tells_a_withdrawal_and_the_figure_falls_back(commitment):
    make_report(commitment, percent=20, date=datetime.date(2019, 6, 1))
    wrong = make_report(commitment, percent=90, date=datetime.date(2020, 6, 17))
    wrong.delete()

    assert kinds(commitment) == [
        ("withdrawn", 90, 90),
        ("published", 20, 90),
        ("published", None, 20),
    ]


@pytest.mark.django_db
def test_change_log_attaches_evidence_of_published_reports_only(commitment):
    published = make_report(commitment, percent=20)
    draft = make_report(commitment, percent=30, status=ReportStatus.DRAFT)
    shown = make_evidence(published)
    make_evidence(draft)

    log = published_change_log(commitment)

    assert [evidence.pk for evidence in log[0].evidence] == [shown.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("reports", [1, 12])
def test_change_log_takes_three_queries_whatever_its_length(
    commitment, django_assert_num_queries, reports
):
    for number in range(reports):
        activity = make_activity(commitment, number + 1)
        report = make_report(
            commitment,
            percent=number,
            date=datetime.date(2020, 1, 1 + number),
            status=ReportStatus.SUBMITTED,
        )
        report.activity_changes.create(activity=activity, status=ActivityStatus.DONE)
        report = cycle.publish_report(ProgressReport.objects.get(pk=report.pk), None)
        make_evidence(report)
        report.percent += 1
        cycle.correct(report, None, reason="Corrected")

    # The commitment page passes the ids of its published meetings, which it loads anyway.
    with django_assert_num_queries(3):
        log = published_change_log(commitment, published_meetings=set())

    assert len(log) == 2 * reports
    assert sum(len(entry.activity_changes) for entry in log) == reports


@pytest.mark.django_db
def test_change_log_tells_what_a_publication_changed_in_the_activities(commitment):
    activity = make_activity(commitment, 2, title="تنظيم ورشات تحسيسية")
    make_activity(commitment, 3)
    report = make_report(
        commitment, percent=60, date=datetime.date(2020, 10, 1), status=ReportStatus.SUBMITTED
    )
    report.activity_changes.create(
        activity=activity, status=ActivityStatus.DONE, revised_end=datetime.date(2020, 9, 30)
    )
    report = cycle.publish_report(ProgressReport.objects.get(pk=report.pk), None)
    report.percent = 65
    cycle.correct(report, None, reason="Corrected")

    corrected, published = published_change_log(commitment)

    assert (corrected.kind, corrected.activity_changes) == ("corrected", [])
    (change,) = published.activity_changes
    assert (change.activity, change.status_before, change.status) == (
        activity,
        ActivityStatus.PLANNED,
        ActivityStatus.DONE,
    )
    with translation.override("ar"):
        html = render_to_string("publishing/_change_log.html", {"change_log": [published]})
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "2. تنظيم ورشات تحسيسية : مبرمج ← منجز النهاية المعدلة 30 شتنبر 2020" in text


@pytest.mark.django_db
def test_change_log_include_renders_in_arabic(commitment):
    make_report(commitment, percent=20, date=datetime.date(2019, 6, 1))
    make_report(commitment, percent=45, date=datetime.date(2020, 9, 18), narrative="إطلاق البوابة")

    with translation.override("ar"):
        html = render_to_string(
            "publishing/_change_log.html", {"change_log": published_change_log(commitment)}
        )

    assert "18 شتنبر 2020" in html
    # The arrow points the way Arabic reads: from the old figure to the new one.
    assert "<bdi>20 %</bdi> ← <bdi>45 %</bdi>" in html
    assert "إطلاق البوابة" in html


@pytest.mark.django_db
def test_report_entered_already_published_is_logged_at_its_own_date(commitment):
    make_report(commitment, percent=86, date=datetime.date(2020, 9, 18))

    assert [entry.when for entry in published_change_log(commitment)] == [
        datetime.date(2020, 9, 18)
    ]


@pytest.mark.django_db
def test_reports_typed_in_out_of_order_are_logged_by_their_dates(commitment):
    make_report(commitment, percent=86, date=datetime.date(2020, 9, 18))
    make_report(commitment, percent=40, date=datetime.date(2019, 6, 1))

    assert kinds(commitment) == [("published", 40, 86), ("published", None, 40)]


@pytest.mark.django_db
def test_publication_after_a_withdrawal_compares_with_what_stayed_public(commitment):
    make_report(commitment, percent=20, date=datetime.date(2019, 6, 1))
    make_report(commitment, percent=90, date=datetime.date(2020, 1, 1)).delete()
    make_report(commitment, percent=30, date=datetime.date(2020, 6, 17))

    assert [kind for kind in kinds(commitment) if kind[2] == 30] == [("published", 20, 30)]
