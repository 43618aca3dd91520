"""Names and titles saved before `ogptracker.common.bidi.NameField` lose their bidirectional controls."""

from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
LANGUAGES = ("ar", "fr", "en")
# (app, model, names and titles), as NameField marks them; translated ones in every language.
FIELDS = [
    ("commitments", "Institution", ["name", "acronym"], ["name"]),
    ("commitments", "ActionPlan", ["title"], ["title"]),
    ("commitments", "Axis", ["title"], ["title"]),
    ("commitments", "Commitment", ["title"], ["title"]),
    ("commitments", "Activity", ["title"], ["title"]),
    ("meetings", "Committee", ["name"], ["name"]),
    ("meetings", "Meeting", ["title", "place"], ["title", "place"]),
    ("meetings", "Participant", ["name", "function", "organisation"], ["function", "organisation"]),
    ("meetings", "AgendaItem", ["title"], ["title"]),
    ("meetings", "NextStep", ["owner"], []),
]


def strip(text):
    for control in CONTROLS:
        text = text.replace(control, "")
    return text


def strip_controls(apps, schema_editor):
    for app, model_name, names, translated in FIELDS:
        model = apps.get_model(app, model_name)
        columns = names + [f"{name}_{code}" for name in translated for code in LANGUAGES]
        holding = reduce(
            or_, (Q(**{f"{column}__contains": c}) for column in columns for c in CONTROLS)
        )
        for row in model.objects.filter(holding):
            for column in columns:
                value = getattr(row, column)
                if value:
                    setattr(row, column, strip(value))
            row.save(update_fields=columns)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_review_thread_and_prepared_rows"),
        ("meetings", "0003_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(strip_controls, migrations.RunPython.noop)]
