"""Evidence in an S3 bucket (moto's server): the same checks, served by the site or by a
short-lived signed address. Published minutes' PDFs stored there and served from there."""

import urllib.parse
import urllib.request

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.enums import ReportStatus
from meetings.minutes_pdf import warm_minutes_pdfs
from tests.commitments.lead_forms import load_report_form, post_report
from tests.factories import PDF_BYTES, make_evidence, make_meeting, make_report
from tests.services import bucket_objects, s3_client

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120

pytestmark = pytest.mark.usefixtures("evidence_in_bucket")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_uploaded_evidence_goes_to_the_bucket_not_the_disk(
    client, owning_lead, commitment, s3_endpoint, bucket, media_root
):
    client.force_login(owning_lead)
    data = load_report_form(client, commitment)
    # Two files of one name: both kept.
    files = [
        SimpleUploadedFile("rapport.pdf", PDF_BYTES),
        SimpleUploadedFile("rapport.pdf", PDF_BYTES + b"%second"),
    ]

    post_report(client, commitment, data, evidence=files)

    stored = bucket_objects(s3_endpoint, bucket)
    names = sorted(commitment.reports.get().evidence.values_list("file", flat=True))
    assert sorted(stored) == names
    assert sorted(stored.values()) == [PDF_BYTES, PDF_BYTES + b"%second"]
    assert names[0].startswith(f"evidence/{commitment.pk}/rapport")
    assert not media_root.exists()


@pytest.mark.django_db
def test_refused_upload_leaves_the_bucket_empty(
    client, owning_lead, commitment, s3_endpoint, bucket
):
    client.force_login(owning_lead)
    data = {**load_report_form(client, commitment), "narrative": "تقرير"}
    upload = SimpleUploadedFile("rapport.pdf", ELF_BYTES, content_type="application/pdf")

    response = post_report(client, commitment, data, evidence=[upload])

    assert response.status_code == 200
    assert bucket_objects(s3_endpoint, bucket) == {}


@pytest.mark.django_db
def test_published_evidence_is_streamed_from_the_bucket_with_its_checked_type(client, commitment):
    evidence = make_evidence(make_report(commitment, status=ReportStatus.PUBLISHED))

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "application/pdf",
        "nosniff",
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
def test_evidence_missing_from_the_bucket_is_404(client, commitment, s3_endpoint, bucket):
    evidence = make_evidence(make_report(commitment, status=ReportStatus.PUBLISHED))
    evidence.file.storage.delete(evidence.file.name)

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_signed_address_expires_and_carries_the_checked_type(settings, client, commitment):
    settings.S3_SIGNED_URL_SECONDS = 30
    evidence = make_evidence(
        make_report(commitment, status=ReportStatus.PUBLISHED),
        name="tableau.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)
    with urllib.request.urlopen(response["Location"], timeout=10) as download:
        body, headers = download.read(), download.headers

    assert (response.status_code, response["Cache-Control"]) == (302, "private, no-store")
    assert query["X-Amz-Expires"] == ["30"]
    assert body == PDF_BYTES
    assert (headers["Content-Type"], headers["Content-Disposition"]) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        'attachment; filename="tableau.xlsx"',
    )


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED])
def test_unpublished_evidence_gets_no_signed_address_for_the_public(
    settings, client, commitment, status
):
    settings.S3_SIGNED_URL_SECONDS = 30
    evidence = make_evidence(make_report(commitment, status=status))

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_unpublished_evidence_gets_a_signed_address_for_its_lead(
    settings, client, owning_lead, commitment
):
    settings.S3_SIGNED_URL_SECONDS = 30
    evidence = make_evidence(make_report(commitment, status=ReportStatus.SUBMITTED))
    client.force_login(owning_lead)

    response = client.get(reverse("leads:evidence_download", args=[evidence.pk]))
    with urllib.request.urlopen(response["Location"], timeout=10) as download:
        body, disposition = download.read(), download.headers["Content-Disposition"]

    assert response.status_code == 302
    assert (body, disposition) == (PDF_BYTES, 'inline; filename="rapport.pdf"')


@pytest.mark.django_db
def test_published_minutes_pdf_is_stored_in_the_bucket_and_served_from_it(
    settings, client, s3_endpoint, bucket
):
    settings.RELEASE = "r42"
    meeting = make_meeting()
    cache.clear()

    warmed = warm_minutes_pdfs(["ar"])
    stored = bucket_objects(s3_endpoint, bucket)
    [(name, rendered)] = stored.items()
    # Replaced in the bucket: a download that returns it was served from there.
    s3_client(s3_endpoint).put_object(Bucket=bucket, Key=name, Body=rendered + b"%bucket")
    cache.clear()
    served = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))

    assert (warmed.rendered, warm_minutes_pdfs(["ar"]).already_cached) == (1, 1)
    assert name.startswith(f"minutes-pdf/{meeting.pk}/ar/public/r42/")
    assert rendered.startswith(b"%PDF")
    assert (served.status_code, served.content) == (200, rendered + b"%bucket")
