"""Server processes share the page cache: an edit committed in one process shows
at once in another, which served the page from the cache before."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import make_commitment, make_report

pytestmark = [pytest.mark.urls("tests.pagecache_urls"), pytest.mark.usefixtures("page_cache")]

EDIT = """
from commitments.models import ProgressReport
report = ProgressReport.objects.get(pk={pk})
report.percent = 70
report.save()
"""


def run_in_another_process(code):
    """`manage.py shell` on this test database, as another server would write to it."""
    if connection.vendor != "postgresql":
        pytest.skip("another process reaches the test database on PostgreSQL only")
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=Path(settings.BASE_DIR),
        env=dict(os.environ, DATABASE_URL=url),
        check=True,
        capture_output=True,
    )


@pytest.mark.django_db(transaction=True)
def test_page_cache_shows_an_edit_committed_by_another_process(client, django_assert_num_queries):
    report = make_report(make_commitment(title="بوابة الشفافية"), percent=40)
    url = f"/progress/{report.commitment_id}/"
    client.get(url)
    with django_assert_num_queries(1):  # This process's copy.
        before = client.get(url)

    run_in_another_process(EDIT.format(pk=report.pk))
    after = client.get(url)

    assert before.content.decode() == "بوابة الشفافية: 40 % (0 leads)"
    assert after.content.decode() == "بوابة الشفافية: 70 % (0 leads)"
