"""Imports 10,000 progress report rows through the admin's resource and times it.

    DATABASE_URL=postgres://… .venv/bin/python bench/import_reports.py [rows]

Migrates the database if needed, then works inside one transaction that is
rolled back at the end: the database is left as it was. Target: under 10 s
for 10,000 rows on PostgreSQL.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from commitments.models import ActionPlan, Commitment, Institution  # noqa: E402
from ogptracker.spreadsheets.plan_resources import ProgressReportResource  # noqa: E402

PLAN_NUMBER = 900
COMMITMENTS = 25


def report_file(rows):
    """A CSV as the secretariat would send it: Arabic text, ISO dates, 25 commitments."""
    dataset = tablib.Dataset(
        headers=["plan", "commitment", "date", "percent", "narrative_ar", "status"]
    )
    start = datetime.date(2018, 9, 1)
    for index in range(rows):
        dataset.append(
            [
                PLAN_NUMBER,
                index % COMMITMENTS + 1,
                (start + datetime.timedelta(days=index // COMMITMENTS)).isoformat(),
                index % 101,
                f"تنفيذ الالتزام بنسبة {index % 101} %",
                "published",
            ]
        )
    return tablib.Dataset().load(dataset.export("csv"), format="csv")


def main(rows):
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            number=PLAN_NUMBER,
            title="خطة قياس الأداء",
            start=datetime.date(2018, 9, 1),
            planned_end=datetime.date(2050, 12, 31),
        )
        institution = Institution.objects.create(name="مؤسسة قياس الأداء")
        for number in range(1, COMMITMENTS + 1):
            Commitment.objects.create(
                plan=plan, number=number, title=f"الالتزام {number}", lead_institution=institution
            )
        dataset = report_file(rows)

        began, began_cpu = time.perf_counter(), time.process_time()
        result = ProgressReportResource(labels=True).import_data(dataset, dry_run=False)
        seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu

        assert not result.has_errors() and not result.has_validation_errors(), result
        print(f"{rows} rows imported in {seconds:.2f} s: {rows / seconds:.0f} rows per second")
        # On a busy machine the wall clock mostly measures waiting for a core.
        print(f"Python CPU time: {cpu:.2f} s; load average {os.getloadavg()[0]:.1f}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
