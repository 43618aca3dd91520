"""The open data on the real seed data: the June 2020 execution committee."""

import csv
import io

import openpyxl
from django.urls import reverse

from tests.seed_facts import JUNE_2020_PERCENTS


def _download(client, dataset, fmt):
    url = reverse("commitments:plan_download", kwargs={"number": 1, "dataset": dataset, "fmt": fmt})
    return client.get(url).content


def test_seed_june_2020_reports_csv_has_17_rows_with_the_minutes_percents(client, seed_data):
    content = _download(client, "reports", "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    june = [r for r in rows if r["date"] == "2020-06-17"]
    assert [(int(r["commitment_number"]), int(r["percent"])) for r in june] == JUNE_2020_PERCENTS
    assert sum(int(r["percent"]) for r in june) == 1315


def test_seed_june_2020_reports_xlsx_has_the_same_17_rows(client, seed_data):
    content = _download(client, "reports", "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content))["reports"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[3]) for row in rows if row[2].date().isoformat() == "2020-06-17"] == (
        JUNE_2020_PERCENTS
    )


def test_seed_narratives_starting_with_a_hyphen_are_neutralised_in_csv_only(client, seed_data):
    as_csv = csv.DictReader(io.StringIO(_download(client, "reports", "csv").decode("utf-8-sig")))
    as_json = client.get("/api/plans/1/reports/?commitment=3&date=2020-06-17").json()

    third = next(r for r in as_csv if r["commitment_number"] == "3")
    assert third["narrative_ar"].startswith("'-النشاط 1: إعادة هيكلة تدبير الأرشيف")
    assert as_json["results"][0]["narrative_ar"].startswith("-النشاط 1: إعادة هيكلة تدبير الأرشيف")


def test_seed_commitments_download_has_the_18_commitments_with_june_2020_progress(
    client, seed_data
):
    content = _download(client, "commitments", "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    latest = {int(r["commitment_number"]): r["latest_percent"] for r in rows}
    assert len(rows) == 18
    assert latest == {**{n: str(p) for n, p in JUNE_2020_PERCENTS}, 7: ""}


def test_seed_api_june_2020_reports_count_17(client, seed_data):
    body = client.get("/api/plans/1/reports/?date=2020-06-17").json()

    assert body["count"] == 17


def test_seed_api_meetings_give_the_june_2020_participants_and_agenda(client, seed_data):
    results = client.get("/api/meetings/?plan=1").json()["results"]

    june = next(m for m in results if m["date"] == "2020-06-17")
    assert (june["participants_count"], len(june["agenda"]), june["start_time"]) == (
        9,
        2,
        "14:00",
    )
    assert june["place_fr"] == "Réunion à distance par vidéoconférence"
