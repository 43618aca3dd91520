"""The public search's quality on a reader's queries, and its speed at scale.

    DATABASE_URL=… .venv/bin/python bench/search.py quality
    DATABASE_URL=postgres://… .venv/bin/python bench/search.py speed [--plans 150] [--repeat 40]

quality: on the seed data (fixtures/, loaded into an empty database), the
precision of the first ten results and the recall of each query of
tests/search_queries.py (commitments, then minutes), means by language.

speed: on the synthetic plans of bench/scale.py (150 plans × 35 commitments ×
20 status rows: 3,750 meetings, 105,000 status rows; generated once and kept;
`--plans` for fewer), each single word of WORDS searched through the real view
(the first page: commitments, their activities, the minutes and their rows and
excerpts), the page cache off, `repeat` times in turns: the median and 95th
percentile time of the whole request and of its database queries alone, and
each word's own 95th percentile (forty searches of a word make it the second
slowest; five or ten, only the slowest).

Both also measure PostgreSQL's own full-text search on the commitments, for
comparison (`fts.py`): the same quality table over the same queries, and the
same words timed as the search's own query of commitments (their count and
first ten) against full-text search's, on GIN indexes it adds for the run and
drops after.
"""

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Single words, common to absent in the synthetic plans: «تمويل» is in 20,000
# status rows; «zzzz» nowhere.
WORDS = [
    "تمويل",
    "التكوين",
    "البيانات",
    "الجماعات",
    "المنصة",
    "النشاط",
    "الشفافية",
    "الأرشيف",
    "transparence",
    "formation",
    "données",
    "budget",
    "participation",
    "zzzz",
]


def configure(static_root):
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.update(
        DEBUG="false",
        STATIC_ROOT=str(static_root),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",
        # One reader asks hundreds of new searches: its fair share still runs, never refuses.
        FAIR_SHARE_ANONYMOUS="100000/5m",
        DJANGO_SETTINGS_MODULE="ogptracker.settings",
    )
    import django

    django.setup()


def quality():
    from django.core.management import call_command

    from bench import fts
    from commitments.models import ActionPlan
    from ogptracker.devdata.demo import load_seed_data
    from ogptracker.publishing.minutes_search import search_minutes
    from ogptracker.publishing.search import search_commitments
    from tests import search_queries as queries

    call_command("migrate", verbosity=0)
    if not ActionPlan.objects.exists():
        load_seed_data()
    tables = {
        "commitments": queries.measure(
            queries.COMMITMENTS,
            lambda q: queries.commitment_names(search_commitments(q).select_related("plan")),
        ),
        "minutes": queries.measure(
            queries.MINUTES, lambda q: queries.minutes_names(search_minutes(q))
        ),
    }
    with fts.indexes():
        tables["commitments, PostgreSQL full-text search"] = queries.measure(
            queries.COMMITMENTS, fts.commitment_names
        )
    print(f"| searched | language | queries | precision of the first {queries.TOP} | recall |")
    print("| --- | --- | --- | --- | --- |")
    for searched, table in tables.items():
        for language, (count, precision, recall) in table.items():
            print(f"| {searched} | {language} | {count} | {precision:.2f} | {recall:.2f} |")


def speed(plans, repeat):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from commitments.models import ProgressReport
    from meetings.models import Meeting
    from ogptracker.devdata.synthetic import SyntheticData

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. $(.ci/postgres.sh url)).")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rows = ProgressReport.objects.published().count()
    if rows < plans * 35 * 20:
        counts = SyntheticData(plans=plans, commitments=35, reports=20, seed=1).generate()
        print(f"Data: generated {counts.summary()}.")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"Data: {Meeting.objects.count()} meetings, "
        f"{ProgressReport.objects.published().count()} published status rows."
    )
    client = Client()
    url = reverse("commitments:search")
    database = DatabaseTime()
    whole, queries_only = [], []
    by_word = {word: [] for word in WORDS}
    whole_by_word = {word: [] for word in WORDS}
    with connection.execute_wrapper(database):
        for word in WORDS:  # Warm the connection and the caches of PostgreSQL.
            client.get(url, {"q": word})
        # What is loaded by now stays out of the garbage collector's passes, as in
        # each gunicorn worker once it started (gunicorn.conf.py).
        gc.freeze()
        for _ in range(repeat):
            for word in WORDS:
                database.seconds = 0.0
                started = time.perf_counter()
                response = client.get(url, {"q": word})
                whole.append(time.perf_counter() - started)
                whole_by_word[word].append(whole[-1])
                queries_only.append(database.seconds)
                by_word[word].append(database.seconds)
                assert response.status_code == 200, (word, response.status_code)
    # On a shared machine, the figures follow what else runs and how fast the
    # machine is at the moment: say how busy it was, and time a fixed loop.
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{len(WORDS)} single words × {repeat}, uncached (load average {load}; "
        f"a fixed Python loop took {loop_milliseconds():.0f} ms):\n"
    )
    print("| | p50 (ms) | p95 (ms) | worst (ms) |")
    print("| --- | --- | --- | --- |")
    for label, values in (("whole request", whole), ("database queries", queries_only)):
        print(
            f"| {label} | {percentile(values, 0.5):.1f} | {percentile(values, 0.95):.1f} "
            f"| {max(values) * 1000:.1f} |"
        )
    print(
        "\nDatabase time by word, median (ms): "
        + ", ".join(f"{word} {percentile(values, 0.5):.0f}" for word, values in by_word.items())
    )
    print(
        "\nWhole request by word, 95th percentile (ms): "
        + ", ".join(
            f"{word} {percentile(values, 0.95):.0f}" for word, values in whole_by_word.items()
        )
    )
    compare_with_full_text_search(repeat)


def compare_with_full_text_search(repeat):
    """The query of commitments alone (count and first ten), ours and full-text search's."""
    from bench import fts
    from ogptracker.publishing.search import search_commitments

    def ours(word):
        found = search_commitments(word)
        return found.count(), list(found.select_related("plan")[:10])

    with fts.indexes():
        timings = {"ours": [], "full-text search": []}
        found = {ours: [], fts.first_ten: []}
        for search, times in zip((ours, fts.first_ten), timings.values(), strict=True):
            for word in WORDS:
                search(word)
            for _ in range(repeat):
                for word in WORDS:
                    started = time.perf_counter()
                    count, first = search(word)
                    times.append(time.perf_counter() - started)
                    assert len(first) == min(count, 10), (search, word)
                    found[search].append(count)
    print("\nThe commitments' query alone (count and first ten):\n")
    print("| | p50 (ms) | p95 (ms) |")
    print("| --- | --- | --- |")
    for label, values in timings.items():
        print(f"| {label} | {percentile(values, 0.5):.1f} | {percentile(values, 0.95):.1f} |")
    for label, counts in zip(timings, found.values(), strict=True):
        print(f"\nCommitments found by {label}: " + ", ".join(map(str, counts[: len(WORDS)])))


class DatabaseTime:
    """Adds up the time the database takes over the queries it wraps."""

    seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def loop_milliseconds():
    """The time of three million additions in Python: about 280 ms on the
    benchmark's usual machine at its usual speed, more when it is slowed."""
    started = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number * number
    return (time.perf_counter() - started) * 1000


def percentile(values, fraction):
    """In milliseconds: the value below which `fraction` of `values` are."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["quality", "speed"])
    parser.add_argument("--plans", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=40)
    arguments = parser.parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="ogptracker-bench-static-"))
    configure(static_root)
    try:
        if arguments.what == "quality":
            quality()
        else:
            speed(arguments.plans, arguments.repeat)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
