"""Fault injection: the site served by gunicorn, as in production, while its database restarts,
goes away, or a worker dies.

These tests stop and start the test suite's own PostgreSQL cluster
(`.ci/postgres.sh`): they always start it again, whatever happens, since the
tests after them need it. gunicorn runs on a free loopback port against the
test database and is always stopped at the end.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from tests.ogptracker.test_settings import production_environment

ROOT = Path(settings.BASE_DIR)
POSTGRES = ROOT / ".ci" / "postgres.sh"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def database_url():
    """The URL of the test database (pytest-django's `test_…` copy) in the suite's cluster."""
    if connection.vendor != "postgresql":
        pytest.skip("fault injection stops and starts the suite's PostgreSQL cluster")
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]


def postgres(action):
    subprocess.run([str(POSTGRES), action], cwd=ROOT, check=True, timeout=120)
    if action == "start":
        # This process's own connection died with the server; the next query opens another.
        connections.close_all()


class Cluster:
    """The suite's PostgreSQL cluster, stopped and started as an operator would."""

    def stop(self):
        postgres("stop")

    def start(self):
        postgres("start")

    def restart(self):
        self.stop()
        self.start()


def server_environment(port, workers, static_root, media_root, **extra):
    """A gunicorn of the site's on loopback, on the test database, as in production."""
    return production_environment(
        DATABASE_URL=database_url(),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_TIMEOUT="120",
        GUNICORN_ACCESS_LOG="",
        # The tests ask several at once from one address, as a balancer's many
        # readers would; one client's share is tests/ogptracker/test_fair_share.py's.
        FAIR_SHARE_AT_ONCE="0",
        **extra,
    )


@pytest.fixture
def database():
    """The cluster; it is running again after the test, whatever happens."""
    try:
        yield Cluster()
    finally:
        postgres("start")


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The hashed static files gunicorn serves with DEBUG off, collected once."""
    folder = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_environment(STATIC_ROOT=str(folder)),
        check=True,
        timeout=300,
    )
    return folder


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


class Server:
    """gunicorn serving the test database on a loopback port."""

    def __init__(self, process, port, log):
        self.process = process
        self.port = port
        self.log = log

    def request(self, method, path, body=None, headers=None, timeout=60):
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            client.request(
                method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
            )
            response = client.getresponse()
            return Answer(response.status, dict(response.getheaders()), response.read())
        finally:
            client.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def workers(self):
        """The process ids of the master's workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def wait_until_healthy(self, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                if self.get("/healthz", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer in {seconds} s:\n{self.log.read_text()}")


@pytest.fixture
def serve(static_root, tmp_path):
    """Start gunicorn with `workers` workers; it is stopped after the test, whatever happens."""
    started = []

    def start(workers=4):
        port = free_port()
        log = tmp_path / f"gunicorn-{port}.log"
        environment = server_environment(
            port,
            workers,
            static_root,
            tmp_path / "media",
            # This process's, so that a session it opens is good there too.
            SECRET_KEY=settings.SECRET_KEY,
        )
        with log.open("w") as output:
            process = subprocess.Popen(
                [str(GUNICORN), "ogptracker.wsgi"],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(process, port, log)
        started.append(server)
        server.wait_until_healthy()
        return server

    try:
        yield start
    finally:
        for server in started:
            stop(server.process)


def stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
