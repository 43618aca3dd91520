"""A plan's untranslated texts out to XLSX and back, all or nothing."""

import datetime
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments.models import Commitment
from meetings.models import AgendaItem
from ogptracker.secretariat import work_to_do
from ogptracker.spreadsheets import translations
from tests.factories import (
    make_agenda_item,
    make_commitment,
    make_committee,
    make_meeting,
    make_plan,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = make_plan(1, title="الخطة الأولى", title_fr="Premier plan", title_en="First plan")
    make_commitment(plan, 1, title="الأرشيف الرقمي", title_fr="Archives numériques")
    make_commitment(plan, 2, title="=الشفافية", problem="ضعف الولوج.")
    committee = make_committee(plan)
    meeting = make_meeting(committee)
    make_agenda_item(meeting, title="تقدم الأنشطة")
    # A draft's texts are not public yet: not exported.
    draft = make_meeting(committee, date=datetime.date(2020, 9, 1), status="draft")
    make_agenda_item(draft, title="نقطة في مسودة")
    return plan


def rows_of(data):
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def filled(data, fill):
    """The exported workbook with `fill(row)` applied to each data row."""
    book = openpyxl.load_workbook(BytesIO(data))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        fill({cell.column_letter: cell for cell in row})
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_export_lists_each_public_text_lacking_a_translation_one_column_per_language(plan):
    rows = rows_of(translations.export_xlsx(plan))

    assert rows[0] == ["record", "id", "field", "ar", "zgh", "fr", "en"]
    texts = [(row[0], row[2], row[3]) for row in rows[1:]]
    assert ("plan", "title", "الخطة الأولى") in texts
    assert ("commitment", "title", "الأرشيف الرقمي") in texts
    assert ("commitment", "problem", "ضعف الولوج.") in texts
    assert ("agenda_item", "title", "تقدم الأنشطة") in texts
    assert ("agenda_item", "title", "نقطة في مسودة") not in texts
    # A text a spreadsheet would run as a formula gets the apostrophe of every export.
    assert ("commitment", "title", "'=الشفافية") in texts


def test_translations_round_trip_writes_the_filled_cells_and_keeps_the_rest(plan):
    exported = translations.export_xlsx(plan)

    def fill(cells):
        if cells["A"].value == "commitment" and cells["C"].value == "title":
            cells["E"].value = "ⴰⵔⵛⵉⴼ ⴰⵏⴰⵎⴰⵙ" if cells["D"].value == "الأرشيف الرقمي" else None
        if cells["A"].value == "agenda_item":
            cells["E"].value = "ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ"
            cells["G"].value = "Progress of the activities"

    written, problems = translations.import_xlsx(plan, filled(exported, fill))

    assert (written, problems) == (3, [])
    archive = Commitment.objects.get(plan=plan, number=1)
    assert (archive.title_zgh, archive.title_fr, archive.title_ar) == (
        "ⴰⵔⵛⵉⴼ ⴰⵏⴰⵎⴰⵙ",
        "Archives numériques",
        "الأرشيف الرقمي",
    )
    item = AgendaItem.objects.get(title_ar="تقدم الأنشطة")
    assert (item.title_zgh, item.title_en, item.title_fr) == (
        "ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ",
        "Progress of the activities",
        None,
    )
    # Translated now: no longer in the next export's Amazigh column.
    again = rows_of(translations.export_xlsx(plan))
    assert [row for row in again if row[0] == "agenda_item"] == [
        [
            "agenda_item",
            item.pk,
            "title",
            "تقدم الأنشطة",
            "ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ",
            None,
            "Progress of the activities",
        ]
    ]


def test_one_bad_line_writes_nothing(plan):
    exported = translations.export_xlsx(plan)

    def fill(cells):
        cells["E"].value = "ⴰⴹⵔⵉⵙ"
        if cells["A"].value == "agenda_item":
            cells["D"].value = "نص تغير بعد التصدير"
        if cells["A"].value == "plan":
            cells["F"].value = "=HYPERLINK(1)"

    with override("en"):
        written, problems = translations.import_xlsx(plan, filled(exported, fill))

    assert written == 0
    assert sorted(problem.message.split(":")[0] for problem in problems) == [
        "The Arabic text changed since this file was exported",
        "The text starts like a formula (\u2068=HYPERLINK(1)\u2069).",
    ]
    assert Commitment.objects.filter(title_zgh="ⴰⴹⵔⵉⵙ").count() == 0
    assert AgendaItem.objects.filter(title_zgh__gt="").count() == 0


def test_a_row_of_another_plan_or_an_unknown_field_is_refused(plan):
    other = make_commitment(make_plan(2), 1, title="التزام خطة أخرى")
    exported = translations.export_xlsx(plan)
    book = openpyxl.load_workbook(BytesIO(exported))
    book.active.append(["commitment", other.pk, "title", "التزام خطة أخرى", "ⴰⴹⵔⵉⵙ", None, None])
    book.active.append(["commitment", other.pk, "ogp_id", "", "x", None, None])
    out = BytesIO()
    book.save(out)

    written, problems = translations.import_xlsx(plan, out.getvalue())

    assert written == 0
    assert [problem.line for problem in problems] == [book.active.max_row - 1, book.active.max_row]
    other.refresh_from_db()
    assert not other.title_zgh


@pytest.mark.parametrize(
    "data, message",
    [
        (b"record,id,field\n", "The file is not an Excel XLSX workbook"),
        (b"", "The file is not an Excel XLSX workbook"),
    ],
)
def test_a_malformed_file_is_refused_before_any_row(plan, data, message):
    with override("en"), pytest.raises(translations.TranslationFileError, match=message):
        translations.import_xlsx(plan, data)


def test_a_workbook_without_the_columns_is_refused(plan):
    book = openpyxl.Workbook()
    book.active.append(["record", "id", "field", "ar", "fr"])
    out = BytesIO()
    book.save(out)

    with pytest.raises(translations.TranslationFileError, match="zgh"):
        translations.import_xlsx(plan, out.getvalue())


def test_admin_page_exports_and_imports_and_says_what_is_wrong(client, plan):
    client.force_login(make_user(secretariat=True))
    url = reverse("admin:commitments_actionplan_translations", args=[plan.pk])

    page = client.get(url)
    exported = client.get(url, {"download": 1})
    refused = client.post(url, {"translations_file": BytesIO(b"not a workbook")})

    assert page.status_code == 200
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    assert rows_of(exported.content)[0][:3] == ["record", "id", "field"]
    assert refused.status_code == 200
    assert "ليس مصنف Excel" in refused.content.decode()


def test_to_do_counts_the_missing_translations_per_language(plan):
    secretariat = make_user(secretariat=True)

    with override("ar"):
        lines = [str(task.text) for task in work_to_do.tasks(secretariat)]

    # The plan's title, two commitments' titles and a problem, two institutions'
    # names and the published meeting's agenda item; in French, all but two.
    assert translations.missing_counts() == {"zgh": 7, "fr": 5, "en": 6}
    assert "7 نصوص منشورة تنقصها الصيغة الأمازيغية" in lines, "\n".join(lines)
    assert "5 نصوص منشورة تنقصها الصيغة الفرنسية" in lines
