"""Migration steps PostgreSQL alone takes: functions, triggers, its own columns.

SQLite, for the demo, goes without them; what they hold there is the models'
business, or the code's (each module saying so).
"""

from django.db import migrations


def on_postgresql(forwards: str, backwards: str) -> migrations.RunPython:
    """Migration operation: `forwards` run on PostgreSQL, `backwards` to undo it."""
    return migrations.RunPython(_run(forwards), _run(backwards))


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: functions' messages hold % placeholders of their own.
            schema_editor.execute(sql, params=None)

    return run
