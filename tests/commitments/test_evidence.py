"""Evidence files: accepted by content, never by name; served to the public only once published."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.enums import ReportStatus
from commitments.evidence import MAX_EVIDENCE_SIZE, check_evidence_file
from tests.commitments.lead_forms import load_report_form, post_report
from tests.factories import PDF_BYTES, make_evidence, make_report

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 120


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "نسبة الإنجاز"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes():
    # The parts Word writes first, in Word's order.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


OOXML = "application/vnd.openxmlformats-officedocument"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rapport.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("tableau.xlsx", xlsx_bytes(), f"{OOXML}.spreadsheetml.sheet"),
        ("note.docx", docx_bytes(), f"{OOXML}.wordprocessingml.document"),
    ],
)
def test_evidence_check_accepts_allowed_content_under_its_own_extension(name, content, expected):
    upload = SimpleUploadedFile(name, content)

    assert check_evidence_file(upload) == expected


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("rapport.pdf", ELF_BYTES, "content_mismatch"),
        ("rapport.pdf", MZ_BYTES, "content_mismatch"),
        ("rapport.pdf", PNG_BYTES, "content_mismatch"),
        ("tableau.docx", xlsx_bytes(), "content_mismatch"),
        ("setup.exe", MZ_BYTES, "bad_extension"),
        ("rapport", PDF_BYTES, "bad_extension"),
    ],
)
def test_evidence_check_refuses_content_that_does_not_match_an_allowed_extension(
    name, content, code
):
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(SimpleUploadedFile(name, content))

    assert refused.value.code == code


def test_evidence_check_refuses_a_file_over_the_size_limit():
    upload = SimpleUploadedFile("rapport.pdf", PDF_BYTES + b"\x00" * MAX_EVIDENCE_SIZE)

    with pytest.raises(ValidationError) as refused:
        check_evidence_file(upload)

    assert refused.value.code == "too_large"


@pytest.mark.django_db
def test_executable_named_pdf_is_refused_with_the_field_named(client, owning_lead, commitment):
    client.force_login(owning_lead)
    data = {**load_report_form(client, commitment), "narrative": "تقرير"}
    upload = SimpleUploadedFile("rapport.pdf", ELF_BYTES, content_type="application/pdf")

    response = post_report(client, commitment, data, evidence=[upload])

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        "محتوى «rapport.pdf» ليس ملفا من نوع \u200e.pdf (يبدو أنه elf). "
        "أرفقوا الوثيقة نفسها، محفوظة بإحدى الصيغ المقبولة."
    ]
    label = str(response.context["form"].fields["evidence"].label)
    assert f'<a href="#id_evidence">{label}</a>' in response.content.decode()
    assert commitment.reports.count() == 0


@pytest.mark.django_db
def test_several_evidence_files_are_stored_under_the_commitment(client, owning_lead, commitment):
    client.force_login(owning_lead)
    data = load_report_form(client, commitment)
    files = [SimpleUploadedFile("rapport.pdf", PDF_BYTES), SimpleUploadedFile("a.png", PNG_BYTES)]

    post_report(client, commitment, data, evidence=files)

    stored = commitment.reports.get().evidence.order_by("content_type")
    assert [(e.content_type, e.file.name.rsplit("/", 1)[0]) for e in stored] == [
        ("application/pdf", f"evidence/{commitment.pk}"),
        ("image/png", f"evidence/{commitment.pk}"),
    ]


@pytest.mark.django_db
def test_evidence_can_be_removed_from_a_draft(client, owning_lead, commitment):
    draft = make_report(commitment, status=ReportStatus.DRAFT)
    evidence = make_evidence(draft)
    client.force_login(owning_lead)
    data = load_report_form(client, commitment)

    post_report(client, commitment, {**data, "remove_evidence": [evidence.pk]})

    assert draft.evidence.count() == 0


@pytest.mark.django_db
def test_published_evidence_is_served_with_its_checked_type(client, commitment):
    evidence = make_evidence(make_report(commitment, status=ReportStatus.PUBLISHED))

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "application/pdf",
        "nosniff",
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED]
)
def test_unpublished_evidence_is_404_for_the_public(client, commitment, status):
    evidence = make_evidence(make_report(commitment, status=status))

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))

    assert response.status_code == 404
