"""The container files agree with the Makefile and the settings they stand for."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def makefile_variable(name):
    (value,) = re.findall(rf"^{name} := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return value.split()


def test_the_image_installs_the_debian_packages_the_makefile_gives_the_site():
    dockerfile = (ROOT / "Dockerfile").read_text()
    (packages,) = re.findall(r"--no-install-recommends \\\n\s+(.*?) \\\n", dockerfile)

    assert packages.split() == makefile_variable("SITE_DEBS")


def test_compose_runs_the_database_redis_the_site_and_its_worker():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())

    assert sorted(compose["services"]) == ["db", "redis", "web", "worker"]
    assert compose["services"]["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]


def test_every_variable_compose_sets_on_the_site_is_one_the_settings_read():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    read = (ROOT / "ogptracker" / "settings.py").read_text()
    read += (ROOT / "gunicorn.conf.py").read_text()

    for service in ("web", "worker"):
        unread = [name for name in compose["services"][service]["environment"] if name not in read]
        assert (service, unread) == (service, [])
