"""First and cached render time of a meeting's minutes PDF.

Run against a database holding the meeting (e.g. after `manage.py load_demo`):

    DEBUG=true .venv/bin/python bench/minutes_pdf.py [YYYY-MM-DD] [renders] [repeats]

Through the real view, as an anonymous reader of the Arabic PDF: `renders`
downloads as the first after the minutes changed (the shared cache emptied and
the data version replaced, so neither the page cache, this process's copy of
the answer nor the PDF cache holds it), each of which must run WeasyPrint once;
then `repeats` downloads from the PDF cache (data version replaced each time,
as after an edit elsewhere), and `repeats` from this process's copy of the
answer. It stops with an error when a first download did not render, or a
cached one did. Wall-clock and this process's CPU time are both printed, with
the machine's load: on a busy machine the wall-clock figures grow while the
CPU ones stay put.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")


def main(date="2020-06-17", renders=5, repeats=50):
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from django.utils.translation import override

    from meetings import pdf
    from meetings.models import Meeting
    from ogptracker.pagecache import bump_data_version

    meeting = Meeting.objects.published().filter(date=date).first()
    if meeting is None:
        sys.exit(f"No published meeting on {date}: load the demo data first.")
    with override("ar"):
        url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    client = Client(SERVER_NAME="localhost")
    # Warm the process as gunicorn's workers are (imports, libraries, fonts) and
    # its templates, with a render: the database's cache may hold the PDF from
    # an earlier run, and answering from it would leave WeasyPrint unloaded.
    cache.clear()
    client.get(url, {"inline": "1"})

    def first_download():
        cache.clear()
        bump_data_version()
        return client.get(url)

    def from_pdf_cache():
        bump_data_version()
        return client.get(url)

    def from_process_copy():
        return client.get(url)

    before = pdf.render_count
    first_times, first_cpu, first = measure(first_download, renders)
    if pdf.render_count - before != renders:
        sys.exit(
            f"{pdf.render_count - before} renders for {renders} first downloads: "
            "some were served from a cache, their times measure no render."
        )
    before = pdf.render_count
    pdf_cache_times, pdf_cache_cpu, _ = measure(from_pdf_cache, repeats)
    copy_times, copy_cpu, _ = measure(from_process_copy, repeats)
    if pdf.render_count != before:
        sys.exit(f"{pdf.render_count - before} cached downloads rendered again.")

    print(
        f"meeting {meeting} ({len(first.content) // 1024} KiB PDF), load {os.getloadavg()[0]:.1f}"
    )
    report("first render", first_times, 1000)
    report("  its CPU", first_cpu, 1000)
    report("PDF cache", pdf_cache_times, 20)
    report("  its CPU", pdf_cache_cpu, 20)
    report("process copy", copy_times, 20)
    report("  its CPU", copy_cpu, 20)


def measure(download, times):
    """Wall-clock and CPU seconds of each of `times` downloads, and the last answer."""
    wall, cpu = [], []
    for _ in range(times):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = download()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200, response.status_code
    return wall, cpu, response


def report(label, times, target_ms):
    ms = sorted(t * 1000 for t in times)
    print(
        f"{label:13}: best {ms[0]:7.1f} ms, median {statistics.median(ms):7.1f} ms, "
        f"worst {ms[-1]:7.1f} ms over {len(ms)}  (target < {target_ms} ms)"
    )


if __name__ == "__main__":
    main(*sys.argv[1:2], *[int(arg) for arg in sys.argv[2:4]])
