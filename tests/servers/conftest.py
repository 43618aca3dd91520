"""Redis and an S3 endpoint, started once for the session; a fresh bucket per test."""

import itertools
import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.conftest import (  # noqa: F401 (static_root: a fixture)
    GUNICORN,
    ROOT,
    Server,
    server_environment,
    static_root,
    stop,
)
from tests.services import (
    S3_REGION,
    free_port,
    redis_server,
    s3_client,
    s3_environment,
    s3_server,
)

_buckets = itertools.count(1)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    with s3_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint):
    """An empty bucket of its own."""
    name = f"evidence-{os.getpid()}-{next(_buckets)}"
    s3_client(s3_endpoint).create_bucket(Bucket=name)
    return name


def s3_storage(endpoint: str, bucket: str) -> dict:
    """STORAGES["default"] as the settings make it from S3_BUCKET and friends."""
    from tests.services import S3_KEYS

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": S3_REGION,
            "file_overwrite": False,
            "default_acl": None,
            "signature_version": "s3v4",
            "querystring_expire": 60,
            "access_key": S3_KEYS["AWS_ACCESS_KEY_ID"],
            "secret_key": S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        },
    }


@pytest.fixture
def evidence_in_bucket(settings, s3_endpoint, bucket):
    """This process's uploads go to the bucket, as on a server with S3_BUCKET set."""
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(s3_endpoint, bucket)}
    settings.S3_BUCKET = bucket
    return bucket


@pytest.fixture(scope="module")
def two_servers(django_db_setup, static_root, redis_url, s3_endpoint, tmp_path_factory):  # noqa: F811
    """Two gunicorn instances, as two machines behind a balancer: one PostgreSQL, one
    Redis, one bucket, and each its own empty MEDIA_ROOT (which nothing may need)."""
    folder = tmp_path_factory.mktemp("servers")
    bucket = f"shared-{os.getpid()}"
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    secret_key = secrets.token_urlsafe(50)
    started = []
    environments = {}
    try:
        for name in ("a", "b"):
            port = free_port()
            log = folder / f"gunicorn-{name}.log"
            environment = server_environment(
                port,
                2,
                static_root,
                folder / f"media-{name}",
                SECRET_KEY=secret_key,
                REDIS_URL=redis_url,
                # The load run asks from one address what a balancer's many readers
                # would, more often than one client's share allows.
                FAIR_SHARE_ANONYMOUS="",
                **s3_environment(s3_endpoint, bucket),
            )
            environments[name] = environment
            with log.open("w") as output:
                process = subprocess.Popen(
                    [str(GUNICORN), "ogptracker.wsgi"],
                    cwd=ROOT,
                    env=environment,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            started.append(Server(process, port, log))
        for server in started:
            server.wait_until_healthy()
        yield Pair(
            *started,
            bucket=bucket,
            endpoint=s3_endpoint,
            folder=folder,
            environments=environments,
        )
    finally:
        for server in started:
            stop(server.process)


@dataclass
class Pair:
    a: Server
    b: Server
    bucket: str
    endpoint: str
    folder: Path
    # Each machine's environment, to run its other processes (the task worker) as it would.
    environments: dict[str, dict[str, str]]
