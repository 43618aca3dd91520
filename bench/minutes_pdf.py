"""First and cached render time of a meeting's minutes PDF.

Run against a database holding the meeting (e.g. after `manage.py load_demo`):

    DEBUG=true .venv/bin/python bench/minutes_pdf.py [YYYY-MM-DD] [renders] [repeats]

Through the real view: `renders` downloads with an empty cache (each one
rendered), then `repeats` downloads served from the cache. Wall-clock and
this process's CPU time are both printed, with the machine's load: on a busy
machine the wall-clock figures grow while the CPU ones stay put.
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

    meeting = Meeting.objects.published().filter(date=date).first()
    if meeting is None:
        sys.exit(f"No published meeting on {date}: load the demo data first.")
    with override("ar"):
        url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    client = Client(SERVER_NAME="localhost")
    # Warm the process (imports, templates, font loading) on another key.
    client.get(url, {"inline": "1"})
    cache.clear()

    first_times, first_cpu = [], []
    for _ in range(renders):
        cache.clear()
        started, cpu = time.perf_counter(), time.process_time()
        first = client.get(url)
        first_times.append(time.perf_counter() - started)
        first_cpu.append(time.process_time() - cpu)
        assert first.status_code == 200, first.status_code
    rendered = pdf.render_count

    cached_times, cached_cpu = [], []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cached_times.append(time.perf_counter() - started)
        cached_cpu.append(time.process_time() - cpu)
    assert pdf.render_count == rendered, "a cached download rendered again"

    print(
        f"meeting {meeting} ({len(first.content) // 1024} KiB PDF), load {os.getloadavg()[0]:.1f}"
    )
    report("first render", first_times, 1000)
    report("  its CPU", first_cpu, 1000)
    report("cached", cached_times, 20)
    report("  its CPU", cached_cpu, 20)


def report(label, times, target_ms):
    ms = sorted(t * 1000 for t in times)
    print(
        f"{label:13}: best {ms[0]:7.1f} ms, median {statistics.median(ms):7.1f} ms, "
        f"worst {ms[-1]:7.1f} ms over {len(ms)}  (target < {target_ms} ms)"
    )


if __name__ == "__main__":
    main(*sys.argv[1:2], *[int(arg) for arg in sys.argv[2:4]])
