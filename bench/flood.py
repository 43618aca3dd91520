"""An ordinary reader's times, alone and while one other client floods the site.

    DATABASE_URL=postgres://… .venv/bin/python bench/flood.py [--port 8109] [--seconds 15]
        [--front gunicorn|nginx|both]

On the benchmark's data (150 plans × 35 commitments × 20 reports, generated once
by bench/scale.py's preparation), it serves the site with gunicorn on 127.0.0.1
as in production (gunicorn.conf.py, DEBUG off, 4 sync workers, the page cache
on). The reader asks, one request at a time, in turns for a commitment page and
a plan dashboard, both cached beforehand, for `--seconds`, 100 requests a second,
each from the next of 20 addresses (127.0.1.1 to .20: readers asking five pages
a second each); first alone,
then while a flooder (another process, 16 connections, from an address of its
own for each kind: 127.0.0.2 to .5) asks as fast as it is answered for one of:

- plan dashboards with a random parameter no page reads (`?fbclid=…`),
- searches of random pairs of words (each a search not asked before),
- spreadsheet downloads of every plan's datasets in every format,
- API pages: random pages of random plans' reports.

It prints the reader's median and 99th percentile, the flood's answers per
second by status, and the targets: the reader's p50 under 10 ms and p99 under
50 ms during every flood.

`--front nginx` puts Debian's nginx in front of gunicorn, configured by
`manage.py proxy_config` with its defaults (10 requests a second per address,
40 more at once, 8 in progress), as docs/deploy.md sets a machine up; `both`
(the default) measures gunicorn alone, then behind nginx, in the same run.
"""

import argparse
import io
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.client import HTTPConnection
from pathlib import Path

from scale import Server, configure, machine_speed, percentile, prepare, subjects

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"p50": 10, "p99": 50}
CONNECTIONS = 16
# Ordinary readers: one request at a time in turns from these addresses, a hundred
# a second in all, so five a second each: more than a person asks, and within the
# front proxy's rate.
READERS = [f"127.0.1.{n}" for n in range(1, 21)]
READERS_PACE = 100
# One flooder per kind of flood, each a client with a share of its own.
FLOODERS = {
    "random parameter": "127.0.0.2",
    "uncached search": "127.0.0.3",
    "spreadsheet": "127.0.0.4",
    "API page": "127.0.0.5",
}
WORKERS = 4


def flood_urls(kind, plans, words, files):
    """An endless series of the addresses a flood of `kind` asks for."""
    rng = random.Random()
    while True:
        plan = rng.choice(plans)
        if kind == "random parameter":
            yield f"/ar/plans/{plans[len(plans) // 2]}/?fbclid={rng.getrandbits(64):x}"
        elif kind == "uncached search":
            query = f"{rng.choice(words)} {rng.choice(words)}"
            yield "/ar/search/?" + _encode({"q": query})
        elif kind == "spreadsheet":
            yield f"/ar/plans/{plan}/data/{rng.choice(files)}"
        elif kind == "API page":
            yield f"/api/plans/{plan}/reports/?page={rng.randint(1, 14)}"
        else:
            raise ValueError(kind)


def _encode(query):
    from urllib.parse import urlencode

    return urlencode(query)


def flooder(port, kind, plans, words, files, seconds, results):
    """`CONNECTIONS` threads asking as fast as they are answered, from its own address."""
    statuses = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def connection_loop():
        urls = flood_urls(kind, plans, words, files)
        connection = HTTPConnection(
            "127.0.0.1", port, timeout=60, source_address=(FLOODERS[kind], 0)
        )
        while time.monotonic() < deadline:
            try:
                connection.request("GET", next(urls))
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                connection.close()
                status = "error"
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=connection_loop) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(dict(statuses))


def reader(port, urls, seconds):
    """Times in ms of `urls` asked in turns for `seconds`, READERS_PACE a second,
    one at a time, each from the next of READERS' addresses."""
    connections = [
        HTTPConnection("127.0.0.1", port, timeout=60, source_address=(address, 0))
        for address in READERS
    ]
    times, statuses = [], Counter()
    start = time.monotonic()
    turn = 0
    while time.monotonic() < start + seconds:
        for url in urls:
            # The next request's time, unless the previous ones ran late.
            time.sleep(max(0.0, start + turn / READERS_PACE - time.monotonic()))
            connection = connections[turn % len(connections)]
            turn += 1
            started = time.perf_counter()
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            statuses[response.status] += 1
    for connection in connections:
        connection.close()
    return times, statuses


def scenario(port, urls, kind, plans, words, files, seconds):
    from django.db import connections

    # The flooder is a fork: it must not share this process's database connection.
    connections.close_all()
    results = multiprocessing.Queue()
    process = None
    if kind is not None:
        process = multiprocessing.Process(
            target=flooder, args=(port, kind, plans, words, files, seconds, results)
        )
        process.start()
        time.sleep(0.5)  # The flood under way before the reader starts.
    times, statuses = reader(port, urls, seconds - 1 if kind else seconds)
    flood = {}
    if process is not None:
        flood = results.get(timeout=120)
        process.join()
    return times, statuses, flood


def search_words():
    from ogptracker.devdata.synthetic_words import ACTIONS, OBJECTS

    return sorted({word for triple in ACTIONS + OBJECTS for word in triple[0].split()})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8109)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--front", choices=["gunicorn", "nginx", "both"], default="both")
    options = parser.parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="ogptracker-flood-static-"))
    configure(static_root)
    try:
        prepare()
        fronts = ["gunicorn", "nginx"] if options.front == "both" else [options.front]
        for front in fronts:
            run(options.port, options.seconds, front)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


@contextmanager
def served(port, front):
    """The site on `port`: gunicorn itself, or nginx in front of a gunicorn."""
    if front == "gunicorn":
        server = Server(port, page_cache_seconds=3600, workers=WORKERS)
        try:
            yield
        finally:
            server.stop()
        return
    from django.core.management import call_command

    from tests.services import free_port, nginx_server

    # nginx tells gunicorn each client's address, as it does in production.
    server = Server(free_port(), page_cache_seconds=3600, workers=WORKERS, TRUSTED_PROXY_COUNT="1")
    folder = Path(tempfile.mkdtemp(prefix="ogptracker-flood-nginx-"))
    try:
        upstream = f"127.0.0.1:{server.port}"
        call_command(
            "proxy_config",
            str(folder),
            listen=f"127.0.0.1:{port}",
            upstream=upstream,
            stdout=io.StringIO(),
        )
        with nginx_server(folder, folder / "ogptracker.conf", port):
            yield
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def run(port, seconds, front):
    from django.core.cache import cache

    from commitments.models import ActionPlan
    from ogptracker.publishing import opendata

    plan, _, pages, _ = subjects()
    plans = list(ActionPlan.objects.order_by("number").values_list("number", flat=True))
    words = search_words()
    files = [f"{dataset}.{fmt}" for dataset in opendata.DATASETS for fmt in opendata.FORMATS]
    urls = [pages["commitment page"], pages["plan dashboard"]]
    print(
        f"Load average {os.getloadavg()[0]:.1f}; machine speed {machine_speed():.0f} ms"
        f" (a fixed Python loop; lower is faster); {os.cpu_count()} CPUs;"
        f" Python {platform.python_version()}; gunicorn with {WORKERS} sync workers"
        + (" behind nginx (manage.py proxy_config)." if front == "nginx" else ", alone.")
    )
    cache.clear()
    rows = []
    with served(port, front):
        # Each worker loads its templates, and the reader's pages are cached.
        for url in urls * WORKERS * 2:
            reader_once(port, url)
        for kind in (None, "random parameter", "uncached search", "spreadsheet", "API page"):
            times, statuses, flood = scenario(port, urls, kind, plans, words, files, seconds)
            rows.append((kind or "alone", times, statuses, flood))
            # Each flood's refusals behind it: the next starts from a clean slate.
            time.sleep(2)
    report(rows, seconds)


def reader_once(port, url):
    connection = HTTPConnection("127.0.0.1", port, timeout=60, source_address=(READERS[0], 0))
    connection.request("GET", url)
    connection.getresponse().read()
    connection.close()


def report(rows, seconds):
    print(
        "\nThe reader (cached commitment page and dashboard in turns, one request at a time)"
        f" alone and while another client floods with {CONNECTIONS} connections, {seconds} s each."
        f" Load average now {os.getloadavg()[0]:.1f}."
    )
    header = f"{'flood':18} {'reader p50':>10} {'p99':>7} {'requests':>9}  flood answers/s"
    print(header)
    print("-" * len(header))
    verdicts = []
    for kind, times, statuses, flood in rows:
        p50, p99 = statistics.median(times), percentile(times, 0.99)
        answers = ", ".join(
            f"{status}: {count / seconds:.0f}" for status, count in sorted(flood.items(), key=str)
        )
        odd = {status: n for status, n in statuses.items() if status != 200}
        note = f"  (reader answers not 200: {odd})" if odd else ""
        print(f"{kind:18} {p50:10.1f} {p99:7.1f} {len(times):9}  {answers or '-'}{note}")
        if kind != "alone":
            verdicts.append((kind, p50, p99, odd))
    print(
        f"\nTargets during every flood: reader p50 < {TARGETS['p50']} ms, p99 < {TARGETS['p99']} ms"
    )
    for kind, p50, p99, odd in verdicts:
        # A reader refused is not served quickly.
        met = p50 < TARGETS["p50"] and p99 < TARGETS["p99"] and not odd
        print(f"  {'met   ' if met else 'MISSED'} {kind}: p50 {p50:.1f} ms, p99 {p99:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
