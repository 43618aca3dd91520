"""A worker killed in the middle of an admin spreadsheet import leaves nothing half-written."""

import datetime
import os
import re
import secrets
import signal
import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client

from commitments.models import ProgressReport
from tests.factories import make_commitment, make_plan

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

IMPORT = "/ar/admin/commitments/progressreport/import/"
PROCESS = "/ar/admin/commitments/progressreport/process_import/"
# Enough rows that the import is still writing when the worker is killed.
ROWS = 2000


def reports_csv(rows):
    start = datetime.date(2000, 1, 1)
    lines = ["plan,commitment,date,percent,narrative_ar,status"]
    for day in range(rows):
        date = start + datetime.timedelta(days=day)
        lines.append(f"1,3,{date.isoformat()},{day % 101},تقدم الإنجاز {day},published")
    return ("\n".join(lines) + "\n").encode()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def writing_transactions():
    """Other sessions of the test database with a transaction that has written something."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_worker_killed_during_an_import_leaves_nothing_half_written(serve, secretariat):
    make_commitment(plan=make_plan(1), number=3)
    browser = Client()
    browser.force_login(secretariat)
    token = secrets.token_hex(16)
    cookies = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}; csrftoken={token}"}
    server = serve(workers=1)
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token, "resource": "0", "format": "0"},
        {"import_file": ("reports.csv", reports_csv(ROWS))},
    )
    preview = server.request(
        "POST", IMPORT, body=body, headers={**cookies, "Content-Type": content_type}, timeout=120
    )
    assert preview.status == 200
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', preview.text))
    confirm, content_type = multipart({**hidden, "csrfmiddlewaretoken": token}, {})
    worker = server.workers()[0]

    def post_confirm():
        try:
            server.request(
                "POST", PROCESS, body=confirm, headers={**cookies, "Content-Type": content_type}
            )
        except OSError:
            pass  # The connection dies with the worker.

    posting = threading.Thread(target=post_confirm)
    posting.start()
    writing = wait_for(lambda: writing_transactions() > 0, seconds=60)
    os.kill(worker, signal.SIGKILL)
    posting.join(timeout=60)
    # PostgreSQL rolls the transaction back once it sees its client gone.
    settled = wait_for(lambda: writing_transactions() == 0, seconds=30)

    assert (writing, settled) == (True, True)
    assert ProgressReport.objects.count() == 0
    assert ProgressReport.history.count() == 0
    server.wait_until_healthy()
    assert server.workers() != [worker]
