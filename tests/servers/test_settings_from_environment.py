"""The shared cache and the bucket are chosen by the environment, as docs/deploy.md says."""

import pytest

from tests.ogptracker.test_settings import manage
from tests.services import s3_environment

SHOW = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.STORAGES['default']['BACKEND'], "
    "settings.SESSION_ENGINE)"
)
SHARED = {"REDIS_URL": "redis://10.0.0.5:6379/0", **s3_environment("https://s3.example.ma", "ev")}


def test_redis_and_a_bucket_are_used_when_configured():
    result = manage("shell", "--no-imports", "-c", SHOW, **SHARED)

    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "storages.backends.s3.S3Storage",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_the_database_and_the_disk_are_used_otherwise():
    result = manage("shell", "--no-imports", "-c", SHOW)

    assert result.stdout.split() == [
        "django.core.cache.backends.db.DatabaseCache",
        "ogptracker.common.bidi.FileSystemStorage",
        "django.contrib.sessions.backends.db",
    ]


def test_check_deploy_reports_nothing_with_redis_and_a_bucket():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SHARED)

    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("REDIS_URL", "10.0.0.5:6379", "REDIS_URL must look like 'redis://host:6379/0'"),
        ("S3_SIGNED_URL_SECONDS", "-5", "S3_SIGNED_URL_SECONDS must be between 0 and 604800"),
    ],
)
def test_a_malformed_setting_stops_the_start_with_its_name(variable, value, message):
    result = manage("check", **{variable: value})

    assert result.returncode == 1
    assert message in result.stderr
