"""The admin's spreadsheets read like the tracker's: typed cells, labels, the
sheet's direction, and messages that name the column and what it expects."""

import datetime
import io

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse

from ogptracker.secretariat.admin.imports import SpreadsheetAdmin
from tests.commitments.test_import_admin import CSV, XLSX, preview, problems
from tests.factories import make_commitment, make_plan, make_report


def spreadsheet_admins():
    return [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SpreadsheetAdmin)
    ]


def export_xlsx(client, model_admin, language="ar"):
    meta = model_admin.model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_export").replace(
        "/ar/", f"/{language}/", 1
    )
    response = client.post(url, {"resource": "0", "format": XLSX})
    assert response.status_code == 200, url
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def office(client, secretariat):
    client.force_login(secretariat)
    return client


def test_every_xlsx_export_parses_back_laid_out_with_typed_cells(seed_data, office):
    untyped, layout = [], []

    for model_admin in spreadsheet_admins():
        sheet = export_xlsx(office, model_admin)
        name = model_admin.model._meta.label
        layout.append((name, sheet.sheet_view.rightToLeft, sheet.freeze_panes, sheet.max_row > 1))
        for column in sheet.iter_cols(min_row=2):
            values = [cell.value for cell in column if isinstance(cell.value, str)]
            # A list of numbers («3, 8») stays text, even with one number in it.
            if any("," in value for value in values):
                continue
            untyped += [
                f"{name} {column[0].column_letter}: {value!r}"
                for value in values
                if value.isdigit() or _looks_like_a_date(value)
            ]

    assert untyped[:10] == []
    # Every admin export: right to left, header frozen (the seed has no activities yet).
    assert [entry for entry in layout if entry[1:3] != (True, "A2")] == []


def _looks_like_a_date(text):
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_progress_report_xlsx_has_numbers_dates_and_labels_in_the_sheets_language(db, office):
    commitment = make_commitment(plan=make_plan(1), number=3)
    make_report(commitment, date=datetime.date(2020, 6, 17), percent=65)
    model_admin = admin.site._registry[commitment.reports.model]

    arabic = export_xlsx(office, model_admin, "ar")
    french = export_xlsx(office, model_admin, "fr")

    header = [cell.value for cell in arabic[1]]
    row = {name: cell.value for name, cell in zip(header, arabic[2], strict=True)}
    french_header = [cell.value for cell in french[1]]
    french_row = dict(zip(french_header, [cell.value for cell in french[2]], strict=True))
    assert (row["رقم خطة العمل"], row["رقم الالتزام"], row["نسبة التقدم (%)"]) == (1, 3, 65)
    assert row["التاريخ"] == datetime.datetime(2020, 6, 17)
    assert row["الحالة"] == "منشور"
    assert french_row["statut"] == "Publié"
    assert (arabic.sheet_view.rightToLeft, bool(french.sheet_view.rightToLeft)) == (True, False)
    assert 8 <= arabic.column_dimensions["A"].width <= 60


def test_xlsx_export_imports_back_unchanged(db, office):
    commitment = make_commitment(plan=make_plan(1), number=3)
    report = make_report(commitment, narrative_ar="-النشاط 1: لا تغيير")
    model_admin = admin.site._registry[commitment.reports.model]
    exported = office.post(
        reverse("admin:commitments_progressreport_export"), {"resource": "0", "format": XLSX}
    ).content
    history_before = report.history.count()

    response = preview(office, exported, file_format=XLSX, name="reports.xlsx")

    assert problems(response) == []
    assert [row.import_type for row in response.context["result"].rows] == ["skip"]
    assert report.history.count() == history_before
    assert isinstance(model_admin, SpreadsheetAdmin)


def test_import_preview_heads_its_columns_in_the_admins_language(db, office):
    make_commitment(plan=make_plan(1), number=3)
    content = "plan,commitment,date,percent,narrative_ar,status\n1,3,2020-06-17,65,,published\n"

    response = preview(office, content)

    headers = response.context["result"].diff_headers
    assert headers[:4] == ["رقم خطة العمل", "رقم الالتزام", "التاريخ", "نسبة التقدم (%)"]
    assert "NARRATIVE_AR" not in response.content.decode().upper().replace('NARRATIVE_AR"', "")


def test_empty_institution_cell_names_the_column_and_what_to_write(db, office):
    make_plan(1)
    content = "plan,number,title_ar,lead_institution\n1,2,الالتزام 2,\n"

    response = preview(office, content, model="commitment")

    assert problems(response) == [
        (
            2,
            "المؤسسة المسؤولة (المختصر أو الاسم بالعربية)",
            "العمود «المؤسسة المسؤولة (المختصر أو الاسم بالعربية)» فارغ؛ "
            "اكتب فيه الاسم المختصر لمؤسسة أو اسمها بالعربية.",
        )
    ]


def test_unknown_headers_are_named_with_the_columns_expected(db, office):
    content = "plan,commitment,date,pourcentage\n1,3,2020-06-17,65\n"

    response = preview(office, content)

    (message,) = [message for line, _column, message in problems(response) if line is None]
    assert message.startswith("أعمدة غير معروفة: «\u2068pourcentage\u2069». أعمدة هذه الصفحة هي: ")
    assert "«نسبة التقدم (%)»" in message


def test_wrong_choice_names_the_labels_to_write(db, office):
    make_commitment(plan=make_plan(1), number=3)
    content = "plan,commitment,date,percent,status\n1,3,2020-06-17,65,fini\n"

    response = preview(office, content)

    ((line, column, message),) = problems(response)
    assert (line, column) == (2, "الحالة")
    assert message.startswith("القيمة «\u2068fini\u2069» غير مقبولة هنا؛ اكتب إحدى القيم: ")
    assert "منشور" in message


def test_csv_export_still_reads_back_with_labels(db, office):
    commitment = make_commitment(plan=make_plan(1), number=3)
    make_report(commitment)

    exported = office.post(
        reverse("admin:commitments_progressreport_export"), {"resource": "0", "format": CSV}
    ).content
    response = preview(office, exported)

    assert problems(response) == []
    assert "منشور" in exported.decode("utf-8-sig")
