"""gunicorn's settings (read from the working directory), tuned by environment variables."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database reads; PDFs take a few seconds of CPU.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Recycled now and then, so that memory WeasyPrint keeps after a PDF is given back.
max_requests = 2000
max_requests_jitter = 200
# The load balancer's address, so X-Forwarded-* from it are believed (and nobody else's).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# "-" is standard output; an empty value turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Workers are managed by signals and the service manager; a control socket in
# the home folder would be shared by every gunicorn on the machine.
control_socket_disable = True


def post_worker_init(worker):
    # Each worker loads WeasyPrint and the fonts as it starts, not during its
    # first PDF visitor's request (most of a second).
    from meetings.pdf import warm_up

    warm_up()
    # What is loaded by now stays for the worker's life: out of the garbage
    # collector's full passes, which walked it a few times per PDF (about a
    # tenth of a render).
    gc.freeze()
