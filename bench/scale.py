"""The public pages at the scale of every OGP member: 150 plans × 35 commitments × 20 reports.

    DATABASE_URL=postgres://… .venv/bin/python bench/scale.py [--port 8108] [--requests 40]

On the PostgreSQL database of DATABASE_URL (migrated here; the synthetic plans
are generated once and kept for later runs), it prints the query plans of the
hot queries, then serves the site with gunicorn on 127.0.0.1 as in production
(gunicorn.conf.py, DEBUG off, WhiteNoise for static files; two workers) and
measures the plan dashboard, a commitment page, a minutes page, the API list
and a minutes PDF: median and 95th percentile time per request from one client,
queries per request, live (PAGE_CACHE_SECONDS=0) and from the page cache, and
the cached pages' throughput as a share of a static file's served by the same
stack: from one client requesting page and file in turns, and from wrk (4
connections) in rounds of each in turns.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = {"plans": 150, "commitments": 35, "reports": 20}
TARGETS = {"dashboard_p50_ms": 100, "cached_static_ratio": 0.5, "pdf_first_ms": 1000}


def configure(static_root):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. $(.ci/postgres.sh url)).")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.update(
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        DJANGO_SETTINGS_MODULE="ogptracker.settings",
    )
    import django

    django.setup()


def prepare():
    from django.core.management import call_command
    from django.db.models import Count

    from commitments.models import ActionPlan, ProgressReport
    from ogptracker.devdata.synthetic import SyntheticData

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    full = ActionPlan.objects.annotate(n=Count("commitments")).filter(n__gte=SIZE["commitments"])
    wanted = SIZE["plans"] * SIZE["commitments"] * SIZE["reports"]
    if full.count() >= SIZE["plans"] and ProgressReport.objects.published().count() >= wanted:
        print(f"Data: kept ({full.count()} plans of {SIZE['commitments']}+ commitments).")
    else:
        counts = SyntheticData(**SIZE, seed=1).generate()
        print(f"Data: generated {counts.summary()}.")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def subjects():
    """A plan in the middle of the synthetic ones, and its pages' URLs."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import override

    from commitments.models import ActionPlan
    from meetings.enums import CommitteeKind
    from meetings.models import Meeting

    plans = ActionPlan.objects.annotate(n=Count("commitments")).filter(n__gte=SIZE["commitments"])
    plan = plans.order_by("number")[plans.count() // 2]
    commitment = plan.commitments.order_by("number").first()
    meetings = Meeting.objects.published().filter(committee__kind=CommitteeKind.EXECUTION)
    meeting = meetings.filter(committee__plan=plan).order_by("-date").first()
    # Other plans' meetings, each rendered to PDF for the first time.
    first_renders = list(
        meetings.exclude(committee__plan=plan).with_change_marks().order_by("pk")[:10]
    )
    with override("ar"):
        pages = {
            "plan dashboard": reverse("commitments:plan_dashboard", args=[plan.number]),
            "commitment page": reverse(
                "commitments:commitment_detail", args=[plan.number, commitment.number]
            ),
            "minutes page": reverse("meetings:minutes", args=[meeting.pk]),
            "API list": "/api/plans/",
            # A word of thousands of status rows and of some commitments.
            "search": reverse("commitments:search") + "?" + urlencode({"q": "تمويل"}),
            "minutes PDF": reverse("meetings:minutes_pdf", args=[meeting.pk]),
        }
        pdfs = [(m, reverse("meetings:minutes_pdf", args=[m.pk])) for m in first_renders]
    return plan, meeting, pages, pdfs


def explain(plan, meeting):
    from commitments.models import Commitment, ProgressReport
    from meetings.models import Meeting
    from ogptracker.publishing.minutes_search import search_minutes
    from ogptracker.publishing.search import search_commitments

    queries = {
        "latest published report per commitment": Commitment.objects.filter(
            plan=plan
        ).with_latest_progress(),
        "reports of a meeting": ProgressReport.objects.filter(meeting=meeting),
        "meetings of a committee by date": Meeting.objects.filter(
            committee=meeting.committee
        ).order_by("-date"),
        # A word found nowhere: every table is searched to the end.
        "search of commitments, a word found nowhere": search_commitments("مقاربة"),
        "search of minutes, a word found nowhere": search_minutes("مقاربة"),
    }
    print("\nQuery plans (EXPLAIN ANALYZE, scans and timings):")
    for label, queryset in queries.items():
        plan_text = queryset.explain(analyze=True)
        scans = sorted(
            {
                line.strip().split("  (")[0].removeprefix("->  ")
                for line in plan_text.splitlines()
                if "Scan" in line and "Bitmap Heap" not in line
            }
        )
        timing = [line for line in plan_text.splitlines() if "Execution Time" in line]
        print(f"  {label}: {timing[0].strip() if timing else ''}")
        for scan in scans:
            print(f"      {scan}")


def count_queries(pages):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client(SERVER_NAME="127.0.0.1")
    for cached, seconds in ((False, 0), (True, 3600)):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            for label, url in pages.items():
                client.get(url)
                with CaptureQueriesContext(connection) as context:
                    response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                counts[label, cached] = len(context)
    return counts


class Server:
    """gunicorn serving the site on 127.0.0.1, as in production."""

    def __init__(self, port, page_cache_seconds, workers=2, **environment):
        self.port = port
        self.log = tempfile.TemporaryFile()
        # gunicorn.conf.py as in production (sync workers), two by default, no access log.
        env = dict(
            os.environ,
            PAGE_CACHE_SECONDS=str(page_cache_seconds),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_ACCESS_LOG="",
            **environment,
        )
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "ogptracker.wsgi"],
            cwd=ROOT,
            env=env,
            # WeasyPrint warns about every screen-only rule of the stylesheet.
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.log.seek(0)
        output = self.log.read().decode()[-3000:]
        self.stop()
        sys.exit(f"gunicorn did not start:\n{output}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


def timings(port, url, repeat):
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (url, response.status)
    connection.close()
    return times


def first_render(port, meeting, url):
    """The time of a download of `url` that must render the meeting's PDF.

    The server is another process: it rendered when the PDF store (the cache, or the
    bucket with S3_BUCKET), empty before the download, holds the meeting's PDF after it.
    """
    from django.utils.translation import override

    from meetings import pdf
    from meetings.querysets import change_marks

    with override("ar"):
        key = pdf.cache_key(meeting, change_marks(meeting), preview=False)
    if pdf.is_stored(key):
        sys.exit(f"The PDF of meeting {meeting.pk} is cached already: its time measures no render.")
    elapsed = timings(port, url, 1)[0]
    if not pdf.is_stored(key):
        sys.exit(f"The PDF of meeting {meeting.pk} was not rendered into the cache.")
    return elapsed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def throughput(port, url, seconds):
    output = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", f"http://127.0.0.1:{port}{url}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(f"wrk printed no throughput:\n{output}")


def throughput_against_static(port, url, static_url, rounds=5, seconds=2):
    """Requests per second of `url`, and its ratio to the static file's.

    The two are measured in turns, in short runs, and the ratio is the median
    of the rounds' ratios: on a shared virtual machine a run now and then
    stalls for most of a second, whatever it serves, and the median leaves
    those runs out.
    """
    if shutil.which("wrk") is None:
        return None, None
    pages, ratios = [], []
    for _ in range(rounds):
        static_rps = throughput(port, static_url, seconds)
        page_rps = throughput(port, url, seconds)
        pages.append(page_rps)
        if static_rps:
            ratios.append(page_rps / static_rps)
    return statistics.median(pages), statistics.median(ratios) if ratios else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--requests", type=int, default=40)
    options = parser.parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="ogptracker-bench-static-"))
    configure(static_root)
    try:
        run(options.port, options.requests)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def machine_speed():
    """Milliseconds of a fixed pure-Python loop: on a shared machine the same
    figures can double from one hour to the next, and this says by how much."""
    started = time.process_time()
    sum(number * number for number in range(2_000_000))
    return (time.process_time() - started) * 1000


def run(port, repeat):
    from django.core.cache import cache
    from django.templatetags.static import static

    started = time.perf_counter()
    prepare()
    print(
        f"Setup in {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f};"
        f" machine speed {machine_speed():.0f} ms (a fixed Python loop; lower is faster);"
        f" Python {platform.python_version()} ({Path(sys.executable).resolve()})."
    )
    plan, meeting, pages, pdfs = subjects()
    print(f"Measured: plan {plan.number}, meeting {meeting.pk} ({meeting.reports.count()} rows).")
    explain(plan, meeting)
    queries = count_queries(pages)
    static_url = static("css/site.css")
    rows = {label: {} for label in pages}

    cache.clear()
    server = Server(port, page_cache_seconds=0)
    try:
        for _, pdf in pdfs[:2]:  # Each worker loads WeasyPrint and the fonts once.
            timings(port, pdf + "?inline=1", 1)
        speeds = [machine_speed()]
        first_pdf = [first_render(port, meeting, pdf) for meeting, pdf in pdfs[2:]]
        speeds.append(machine_speed())
        for label, url in pages.items():
            timings(port, url, 3)
            rows[label]["live"] = timings(port, url, repeat)
    finally:
        server.stop()

    server = Server(port, page_cache_seconds=3600)
    try:
        for label, url in pages.items():
            timings(port, url, 3)
            rows[label]["cached"], rows[label]["static"] = in_turns(
                port, url, static_url, repeat * 5
            )
            rows[label]["rps"], rows[label]["wrk ratio"] = throughput_against_static(
                port, url, static_url
            )
    finally:
        server.stop()

    report(rows, queries, first_pdf, speeds)


def in_turns(port, url, static_url, pairs):
    """Times of `url` and of the static file, requested in turns one by one.

    A stall of the shared machine then lands on either side alike, where
    timing one and then the other would charge it to whichever ran then.
    """
    page_times, static_times = [], []
    for _ in range(pairs):
        static_times += timings(port, static_url, 1)
        page_times += timings(port, url, 1)
    return page_times, static_times


def report(rows, queries, first_pdf, pdf_speeds):
    print(
        f"\nTime per request in ms from one client (gunicorn, 2 sync workers), cached pages"
        f" in turns with a static file; throughput with wrk, 4 connections, also in turns."
        f" Load average now {os.getloadavg()[0]:.1f}; machine speed {machine_speed():.0f} ms."
    )
    header = (
        f"{'page':16} {'queries':>9} {'live p50':>9} {'p95':>7} {'cached p50':>11} {'p95':>7}"
        f" {'static p50':>11} {'÷ static':>9} {'wrk req/s':>10} {'÷ static':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, row in rows.items():
        live, cached = row["live"], row["cached"]
        row["ratio"] = statistics.median(row["static"]) / statistics.median(cached)
        print(
            f"{label:16} {queries[label, False]:>4} / {queries[label, True]:<2}"
            f" {statistics.median(live):9.1f} {percentile(live, 0.95):7.1f}"
            f" {statistics.median(cached):11.2f} {percentile(cached, 0.95):7.2f}"
            f" {statistics.median(row['static']):11.2f} {row['ratio']:9.2f}"
            f" {row['rps'] or 0:10.0f} {row['wrk ratio'] or 0:9.2f}"
        )
    print(
        "(queries: live / from the page cache; live, the minutes PDF comes from its own cache,"
        " rendered once per version of the minutes. ÷ static: throughput as a share of the"
        " static file's, from one client's median times, then from wrk's medians of rounds.)"
    )

    dashboard = statistics.median(rows["plan dashboard"]["live"])
    lowest = min(rows, key=lambda label: rows[label]["ratio"])
    wrk_ratios = [row["wrk ratio"] for row in rows.values() if row["wrk ratio"]]
    pdf_first = statistics.median(first_pdf)
    print("\nTargets:")
    print(verdict("plan dashboard p50, live", dashboard, TARGETS["dashboard_p50_ms"], "ms", "<"))
    print(
        verdict(
            f"cached throughput ÷ static file, one client (lowest: {lowest})",
            rows[lowest]["ratio"],
            TARGETS["cached_static_ratio"],
            "",
            "≥",
        )
    )
    if wrk_ratios:
        # Not a verdict: on a shared machine its rounds swing with the machine's stalls.
        print(f"         (with wrk, 4 connections, the lowest share is {min(wrk_ratios):.2f})")
    print(
        verdict(
            f"minutes PDF first render, median of {len(first_pdf)} (max {max(first_pdf):.0f} ms)",
            pdf_first,
            TARGETS["pdf_first_ms"],
            "ms",
            "<",
        )
    )
    # The renders are CPU-bound: on a shared machine they follow its speed.
    before, after = pdf_speeds
    print(f"         (machine speed just before and after them: {before:.0f} and {after:.0f} ms)")


def verdict(label, value, target, unit, sense):
    met = value < target if sense == "<" else value >= target
    return (
        f"  {'met   ' if met else 'MISSED'} {label}: {value:.2f} {unit} (target {sense} {target})"
    )


if __name__ == "__main__":
    main()
