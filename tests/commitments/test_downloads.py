"""The public download URLs of a plan's datasets."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.enums import ReportStatus
from tests.factories import make_activity, make_commitment, make_plan, make_report

pytestmark = pytest.mark.django_db


def _plan_with(commitments):
    plan = make_plan(1)
    for number in range(1, commitments + 1):
        commitment = make_commitment(plan, number)
        make_activity(commitment, 1)
        make_report(commitment, number % 101, date=datetime.date(2020, 6, 17))
        make_report(commitment, 100, status=ReportStatus.DRAFT)
    return plan


def _url(dataset, fmt, number=1):
    return reverse(
        "commitments:plan_download", kwargs={"number": number, "dataset": dataset, "fmt": fmt}
    )


def test_plan_download_url_is_under_the_language_prefix():
    assert _url("reports", "csv") == "/ar/plans/1/data/reports.csv"


def test_plan_download_csv_is_an_attachment_named_after_plan_and_dataset(client):
    _plan_with(2)

    response = client.get(_url("reports", "csv"))

    today = timezone.localdate().isoformat()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ogp-morocco-plan-1-reports-{today}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["commitment_number"], r["date"], r["percent"]) for r in rows] == [
        ("1", "2020-06-17", "1"),
        ("2", "2020-06-17", "2"),
    ]


def test_plan_download_xlsx_opens_in_openpyxl(client):
    _plan_with(2)

    response = client.get(_url("activities", "xlsx", number=1))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["activities"]
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert [row[:3] for row in sheet.iter_rows(values_only=True)] == [
        ("plan_number", "commitment_number", "activity_number"),
        (1, 1, 1),
        (1, 2, 1),
    ]


def _text(fmt, content):
    if fmt != "xlsx":
        return content.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return " ".join(
        value.date().isoformat() if isinstance(value, datetime.datetime) else str(value)
        for row in sheet.iter_rows(values_only=True)
        for value in row
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_plan_download_never_contains_an_unpublished_report(client, fmt):
    plan = _plan_with(1)
    commitment = plan.commitments.get()
    for status in (ReportStatus.SUBMITTED, ReportStatus.RETURNED):
        make_report(commitment, 100, status=status, narrative=f"سري {status}")

    reports = _text(fmt, client.get(_url("reports", fmt)).content)
    commitments = client.get(_url("commitments", "json")).content

    assert (reports.count("سري"), reports.count("2020-06-17")) == (0, 1)
    assert [r["latest_percent"] for r in json.loads(commitments)] == [1]


@pytest.mark.parametrize(
    "url",
    [
        "/ar/plans/2/data/reports.csv",
        "/ar/plans/1/data/meetings.csv",
        "/ar/plans/1/data/reports.pdf",
        "/ar/plans/1/data/reports",
    ],
)
def test_plan_download_answers_404_for_unknown_plan_dataset_or_format(client, url):
    _plan_with(1)

    assert client.get(url).status_code == 404


def test_plan_download_of_next_steps_former_name_redirects_for_good(client):
    response = client.get("/fr/plans/1/data/decisions.csv")

    assert (response.status_code, response["Location"]) == (301, "/fr/plans/1/data/next-steps.csv")


def test_plan_download_of_reports_former_name_redirects_for_good(client):
    response = client.get("/ar/plans/2/data/snapshots.xlsx")

    assert (response.status_code, response["Location"]) == (301, "/ar/plans/2/data/reports.xlsx")


def test_plan_download_refuses_post(client):
    _plan_with(1)

    assert client.post(_url("reports", "json")).status_code == 405


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize("dataset", ["commitments", "activities", "reports"])
def test_plan_download_runs_two_queries_whatever_the_size(
    client, django_assert_num_queries, size, dataset
):
    _plan_with(size)

    with django_assert_num_queries(2):
        response = client.get(_url(dataset, "json"))

    assert len(json.loads(response.content)) == size
