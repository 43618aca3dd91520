"""Spreadsheet import in the admin: all or nothing, every bad row reported in Arabic."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import ProgressReport
from tests.factories import make_commitment, make_plan, make_report

CSV, XLSX = "0", "1"

HEADER = "plan,commitment,date,percent,narrative_ar,status\n"


def upload(content, name="reports.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content)


def preview(client, content, file_format=CSV, model="progressreport", name="reports.csv"):
    url = reverse(f"admin:commitments_{model}_import")
    return client.post(
        url, {"resource": "0", "format": file_format, "import_file": upload(content, name)}
    )


def confirm(client, response, model="progressreport"):
    form = response.context["confirm_form"]
    return client.post(
        reverse(f"admin:commitments_{model}_process_import"),
        {name: form.initial[name] for name in form.fields},
    )


def problems(response):
    return [(p.line, p.column, p.message) for p in response.context["problems"]]


@pytest.fixture
def plan_with_commitment(db):
    plan = make_plan(1)
    return make_commitment(plan=plan, number=3)


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


def test_import_reports_preview_then_confirm_saves_them(admin_client, plan_with_commitment):
    content = HEADER + "1,3,2020-06-17,65,تنفيذ الالتزام بنسبة 65 %,published\n"

    response = confirm(admin_client, preview(admin_client, content))

    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.commitment, report.date, report.percent, report.narrative_ar) == (
        plan_with_commitment,
        datetime.date(2020, 6, 17),
        65,
        "تنفيذ الالتزام بنسبة 65 %",
    )


def test_import_records_history_with_the_importing_user(
    admin_client, secretariat, plan_with_commitment
):
    content = HEADER + "1,3,17/06/2020,65,,published\n"

    confirm(admin_client, preview(admin_client, content))

    record = ProgressReport.objects.get().history.get()
    assert (record.history_type, record.history_user) == ("+", secretariat)


def test_import_with_one_bad_row_saves_nothing_and_lists_every_bad_row_in_arabic(
    admin_client, plan_with_commitment
):
    content = (
        HEADER
        + "1,3,2020-06-17,65,,published\n"
        + "1,3,2020-07-01,120,,published\n"
        + "1,25,2020-07-01,10,,published\n"
        + "1,3,31/02/2020,10,,published\n"
        + '1,3,2020-08-01,10,"=HYPERLINK(""http://x"",""y"")",published\n'
    )

    response = preview(admin_client, content)

    assert ProgressReport.objects.count() == 0
    assert "confirm_form" not in response.context
    assert problems(response) == [
        (3, "نسبة التقدم (%)", "تحقق من أن تكون هذه القيمة أقل من 100 أو مساوية لها."),
        (4, "رقم الالتزام", "لا تتضمن خطة العمل 1 أي التزام يحمل الرقم 25."),
        (
            5,
            "التاريخ",
            "«\u206831/02/2020\u2069» ليس تاريخا صحيحا (اكتبه على شكل 2020-06-17 أو 17/06/2020).",
        ),
        (
            6,
            "تقدم الإجراءات (العربية)",
            '«\u2068=HYPERLINK("http://x","y")\u2069» يشبه صيغة جدول بيانات؛ الصيغ مرفوضة. '
            "احذف العلامة في بدايتها أو ابدأ الخانة بفاصلة علوية.",
        ),
    ]
    assert "لم يتم استيراد أي شيء" in response.content.decode()


def test_import_refuses_a_missing_title(admin_client, plan_with_commitment):
    content = "plan,commitment,number,title_ar\n1,3,1,\n"

    response = preview(admin_client, content, model="activity")

    assert problems(response) == [
        (2, "العنوان (العربية)", "العمود «العنوان (العربية)» فارغ؛ اكتب فيه نصا.")
    ]
    assert plan_with_commitment.activities.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "الملف الذي قمت بإرساله فارغ."),
        (b"\n\n", "الملف فارغ."),
        (HEADER.encode(), "يتضمن الملف عناوين الأعمدة دون أي سطر من البيانات."),
        (
            (HEADER + "1,3,2020-06-17,65,تنفيذ الالتزام,published\n").encode("cp1256"),
            "الملف ليس بترميز UTF-8 (ربما حفظ بترميز ويندوز العربي). في Excel، احفظه بصيغة "
            "«CSV UTF-8»، أو استورد ملف XLSX بدلا منه.",
        ),
    ],
    ids=["empty", "blank-lines", "headers-only", "cp1256"],
)
def test_import_refuses_an_unusable_file_with_an_arabic_reason(
    admin_client, plan_with_commitment, content, message
):
    response = preview(admin_client, content)

    assert response.context["form"].errors["import_file"] == [message]
    assert ProgressReport.objects.count() == 0


def test_import_refuses_a_formula_cell_in_an_xlsx_file(admin_client, plan_with_commitment):
    book = openpyxl.Workbook()
    book.active.append(["plan", "commitment", "date", "percent", "narrative_ar"])
    book.active.append([1, 3, datetime.date(2020, 6, 17), 40, '=HYPERLINK("http://x","y")'])
    stream = io.BytesIO()
    book.save(stream)

    response = preview(admin_client, stream.getvalue(), file_format=XLSX, name="s.xlsx")

    assert [(line, column) for line, column, _message in problems(response)] == [
        (2, "تقدم الإجراءات (العربية)")
    ]
    assert ProgressReport.objects.count() == 0


def test_import_accepts_english_and_french_headers_and_labels(admin_client, plan_with_commitment):
    content = (
        "action plan number,numéro de l’engagement,date,progress (%),status\n"
        "1,3,2020-06-17,40,Published\n"
    )

    response = confirm(admin_client, preview(admin_client, content))

    assert response.status_code == 302
    assert list(ProgressReport.objects.values_list("percent", "status")) == [(40, "published")]


def test_export_has_arabic_headers_and_neutralises_formulas(admin_client, plan_with_commitment):
    make_report(plan_with_commitment, narrative_ar='=HYPERLINK("http://x","y")')

    response = admin_client.post(
        reverse("admin:commitments_progressreport_export"), {"resource": "0", "format": CSV}
    )

    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert header[:5] == [
        "رقم خطة العمل",
        "رقم الالتزام",
        "التاريخ",
        "نسبة التقدم (%)",
        "تقدم الإجراءات (العربية)",
    ]
    assert row[4] == '\'=HYPERLINK("http://x","y")'


def test_reimporting_an_export_changes_nothing(admin_client, plan_with_commitment):
    report = make_report(
        plan_with_commitment, narrative_ar="-النشاط 1: لا تغيير", narrative_fr="=1+1"
    )
    exported = admin_client.post(
        reverse("admin:commitments_progressreport_export"), {"resource": "0", "format": CSV}
    ).content
    history_before = report.history.count()

    response = confirm(admin_client, preview(admin_client, exported))

    assert response.status_code == 302
    assert report.history.count() == history_before
    report.refresh_from_db()
    assert (report.narrative_ar, report.narrative_fr) == ("-النشاط 1: لا تغيير", "=1+1")


def test_import_reports_a_duplicate_ogp_identifier_as_a_row_error(admin_client, db):
    plan = make_plan(1)
    make_commitment(plan=plan, number=1, ogp_id="MO0001")
    content = (
        "plan,number,title_ar,ogp_id,lead_institution\n"
        "1,2,الالتزام 2,MO0001,وزارة الانتقال الرقمي وإصلاح الإدارة\n"
    )

    response = preview(admin_client, content, model="commitment")

    assert response.status_code == 200
    assert [(line, column) for line, column, _message in problems(response)] == [(2, "")]


def test_confirm_after_the_data_changed_saves_nothing_and_shows_the_problem(
    admin_client, plan_with_commitment
):
    content = HEADER + "1,3,2020-06-17,65,,published\n"
    previewed = preview(admin_client, content)
    plan_with_commitment.number = 4
    plan_with_commitment.save()

    response = confirm(admin_client, previewed)

    assert response.status_code == 200
    assert problems(response) == [
        (2, "رقم الالتزام", "لا تتضمن خطة العمل 1 أي التزام يحمل الرقم 3.")
    ]
    assert ProgressReport.objects.count() == 0


def test_import_page_is_closed_to_a_project_lead(client, owning_lead):
    client.force_login(owning_lead)

    response = client.get(reverse("admin:commitments_progressreport_import"))

    assert response.status_code == 302


def test_import_page_lists_the_columns_in_arabic(admin_client):
    response = admin_client.get(reverse("admin:commitments_activity_import"))

    assert response.context["fields_list"][0][1][:4] == [
        "رقم خطة العمل",
        "رقم الالتزام",
        "الرقم",
        "العنوان (العربية)",
    ]


def test_import_update_records_history_with_the_importing_user(
    admin_client, secretariat, plan_with_commitment
):
    activity = plan_with_commitment.activities.create(number=1, title="إعادة هيكلة الأرشيف")
    content = "plan,commitment,number,title_ar,status\n1,3,1,إعادة هيكلة الأرشيف,done\n"

    confirm(admin_client, preview(admin_client, content, model="activity"), model="activity")

    latest = activity.history.first()
    assert (latest.history_type, latest.history_user, latest.status) == ("~", secretariat, "done")
    assert activity.history.count() == 2
