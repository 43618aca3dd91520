"""A backup restored into an empty database and an empty bucket (moto's server) gives
the same public pages, the same files and the same change history."""

import dataclasses
import os
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Evidence
from ogptracker.civilsociety.models import AssessmentEvidence
from ogptracker.publishing.change_log import published_change_log
from tests.commitments.test_backup import history_rows, make_tracker_with_a_past
from tests.factories import make_evidence
from tests.servers.conftest import s3_storage
from tests.services import bucket_objects, s3_client
from tests.text import readable

LOC = r"<loc>https?://[^/]+(/[^<]*)</loc>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _MainText(HTMLParser):
    """The text a reader sees in a page's <main>."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if (tag == "main" or self.depth) and tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def public_texts(client):
    """Every page of the sitemap, as text (its address may hold a database id)."""
    index = client.get("/sitemap.xml").content.decode()
    texts = []
    for section in re.findall(LOC, index):
        sitemap = client.get(section).content.decode()
        texts += [page_text(client, url) for url in re.findall(LOC, sitemap)]
    return sorted(texts)


def page_text(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    parser = _MainText()
    parser.feed(answer.content.decode())
    return readable(" ".join(parser.parts))


def change_logs():
    return {
        (commitment.plan.number, commitment.number): [
            {
                **dataclasses.asdict(entry),
                # Records, whose ids a restore changes: compared by what they say.
                "report_id": None,
                "evidence": [(item.description, item.file.read()) for item in entry.evidence],
                "activity_changes": [str(change) for change in entry.activity_changes],
            }
            for entry in published_change_log(commitment)
        ]
        for commitment in Commitment.objects.select_related("plan")
    }


def evidence_files():
    """The reports' evidence and civil society's, each with its commitment and description."""
    reports = [
        (item.report.commitment.number, item.description, item.file.read())
        for item in Evidence.objects.select_related("report__commitment")
    ]
    civil_society = [
        (item.assessment.commitment.number, item.description, item.file.read())
        for item in AssessmentEvidence.objects.select_related("assessment__commitment")
    ]
    return sorted(reports + civil_society)


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_and_bucket_gives_the_same_pages_files_and_history(
    settings, client, tmp_path, evidence_in_bucket, s3_endpoint
):
    first = make_tracker_with_a_past(settings, tmp_path)
    report = first.reports.get(percent=65)
    make_evidence(report, name="جدول.pdf", description="جدول")
    report.percent = 66  # A correction, in the public change log.
    report.save()
    before = (public_texts(client), change_logs(), evidence_files(), history_rows())
    backup = tmp_path / "backup"
    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    empty = f"restored-{os.getpid()}"
    s3_client(s3_endpoint).create_bucket(Bucket=empty)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(s3_endpoint, empty)}

    call_command("import_all", str(backup))

    after = (public_texts(client), change_logs(), evidence_files(), history_rows())
    assert len(before[0]) > 10
    assert [entry["kind"] for entry in before[1][(1, 1)]] == ["corrected", "published"]
    assert after == before
    assert sorted(bucket_objects(s3_endpoint, empty).values()) == sorted(
        content for _number, _description, content in before[2]
    )
