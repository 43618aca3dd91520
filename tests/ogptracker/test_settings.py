"""Production settings: `check --deploy` is clean, and misconfiguration fails loudly."""

import os
import secrets
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from ogptracker.settings import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def production_environment(**overrides):
    """What an operator sets on a server, per docs/deploy.md."""
    environment = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "ogp.example.ma",
        "CSRF_TRUSTED_ORIGINS": "https://ogp.example.ma",
        "SECURE_PROXY_SSL_HEADER": "true",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///unused.sqlite3"),
    }
    environment.update(overrides)
    return {name: value for name, value in environment.items() if value is not None}


def manage(*args, **overrides):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (1 silenced).\n"


def test_check_deploy_warns_when_https_is_switched_off():
    result = manage("check", "--deploy", SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false")

    warnings = sorted(
        line.split(")")[0] for line in result.stderr.splitlines() if "(security." in line
    )
    assert warnings == ["?: (security.W008", "?: (security.W012"]


RELEASE = "from django.conf import settings; print(settings.RELEASE)"


def test_release_is_the_package_version_and_the_git_commit():
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()

    result = manage("shell", "--no-imports", "-c", RELEASE)

    assert result.stdout == f"{version('ogptracker')}+{commit}\n"


def test_release_is_read_from_the_environment():
    result = manage("shell", "--no-imports", "-c", RELEASE, RELEASE="2026-12-05.1")

    assert result.stdout == "2026-12-05.1\n"


def test_check_deploy_warns_when_no_git_commit_names_the_release():
    # No git on the PATH: the release would be the package's version alone.
    result = manage("check", "--deploy", PATH="/nonexistent")

    warnings = [line.split(")")[0] for line in result.stderr.splitlines() if "(pagecache." in line]
    assert warnings == ["?: (pagecache.W001"]


def test_settings_refuse_to_start_without_secret_key():
    result = manage("check", SECRET_KEY=None)

    assert result.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY is not set." in result.stderr


def test_admin_url_is_read_from_the_environment():
    script = "from django.urls import reverse; print(reverse('admin:index'))"

    result = manage("shell", "--no-imports", "-c", script, ADMIN_URL="office-7f3a/")

    assert result.stdout == "/ar/office-7f3a/\n"


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("Off", False), ("", False)])
def test_env_bool_reads_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG") is expected


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")

    with pytest.raises(ValueError, match="SOME_FLAG must be a boolean"):
        env_bool("SOME_FLAG")


def test_env_int_rejects_a_non_number(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "1 year")

    with pytest.raises(ValueError, match="SECURE_HSTS_SECONDS must be a whole number"):
        env_int("SECURE_HSTS_SECONDS", 0)


def test_site_connections_plan_for_solid_state_reads(db):
    """The search looks commitments up by key rather than reading their table whole."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_random_page_cost_is_the_servers_own_when_left_empty():
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))",
        DATABASE_URL="postgres://user@db.example/ogptracker",
        POSTGRES_RANDOM_PAGE_COST="",
    )
    assert shown.returncode == 0, shown.stderr
    assert "random_page_cost" not in shown.stdout
