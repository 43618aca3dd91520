from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from meetings.models import Participant
from tests.factories import make_participant


@pytest.mark.django_db
def test_models_have_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_names_saved_before_the_bidi_rule_lose_their_controls():
    participant = make_participant(name="أحمد", function_ar="مدير")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE meetings_participant SET name = %s, function_ar = %s WHERE id = %s",
            ["أحمد \u202eالعلمي", "مدير\u2066 عام\u2069", participant.pk],
        )
    migration = import_module("commitments.migrations.0008_strip_bidirectional_controls")

    migration.strip_controls(apps, None)

    assert Participant.objects.values_list("name", "function_ar").get() == (
        "أحمد العلمي",
        "مدير عام",
    )
