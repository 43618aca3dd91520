"""The services a site of several machines shares, started for real on loopback ports:
Debian's redis-server and moto's S3 server (the bucket's stand-in, an HTTP server
speaking the S3 protocol). Each is started once per test session, by the session
fixtures of tests/servers/conftest.py, and stopped at its end."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

MOTO_SERVER = Path(sys.executable).parent / "moto_server"
# Any key pair: moto checks the signatures' form, not the keys.
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
S3_REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited:\n{log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{process.args[0]} did not listen on {port} in {seconds} s")


@contextmanager
def running(command: list[str], port: int, log: Path, env: dict | None = None):
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        wait_for_port(port, process, log)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@contextmanager
def redis_server(folder: Path):
    """A throwaway Redis, nothing written to disk; yields its URL."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder)]
    with running(command, port, folder / "redis.log"):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def s3_server(folder: Path):
    """moto's S3 server; yields its endpoint URL."""
    port = free_port()
    environment = {**os.environ, **S3_KEYS}
    command = [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)]
    with running(command, port, folder / "moto.log", env=environment):
        yield f"http://127.0.0.1:{port}"


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    )


def bucket_objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    """Every object of a bucket, by key."""
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listed
    }


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """What an operator sets for a bucket (docs/deploy.md)."""
    return {"S3_BUCKET": bucket, "S3_ENDPOINT_URL": endpoint, "S3_REGION": S3_REGION, **S3_KEYS}


@contextmanager
def nginx_server(folder: Path, site: Path, port: int, workers: int = 1):
    """Debian's nginx serving `site` (a file for its http block) in the foreground,
    everything it writes under `folder`."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    temporary = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    main = folder / "nginx.conf"
    main.write_text(
        # As root, its workers would be nobody's, who cannot read a test's folders.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes {workers};\npid {folder / 'nginx.pid'};\n"
        + "events { worker_connections 1024; }\n"
        + "http {\n    access_log off;\n    include /etc/nginx/mime.types;\n"
        + f"{temporary}\n    uwsgi_temp_path {folder / 'uwsgi'};\n"
        + f"    scgi_temp_path {folder / 'scgi'};\n    include {site};\n}}\n"
    )
    command = [binary, "-e", "stderr", "-p", str(folder), "-c", str(main), "-g", "daemon off;"]
    with running(command, port, folder / "nginx.log"):
        yield f"http://127.0.0.1:{port}"
