"""ProgressSnapshot is now ProgressReport; its tables keep their names.

The triggers of meetings' migration 0004 name the table
commitments_progresssnapshot, and the history's table stays beside it. The
permissions keep their rows, under the new codenames, so the secretariat's
group keeps them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RENAMED = [
    ("progresssnapshot", "progressreport", "progress report"),
    ("snapshotawaitingreview", "reportawaitingreview", "report awaiting review"),
    ("historicalprogresssnapshot", "historicalprogressreport", "historical progress report"),
]
ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for old, new, verbose_name in RENAMED:
        source, target = (new, old) if backwards else (old, new)
        # RenameModel renames the content type of the model it renames, not the proxy's.
        ContentType.objects.filter(app_label="commitments", model=source).update(model=target)
        for action in ACTIONS:
            Permission.objects.filter(
                content_type__app_label="commitments", codename=f"{action}_{source}"
            ).update(codename=f"{action}_{target}", name=f"Can {action} {verbose_name}")


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0010_progress_report_names"),
        ("meetings", "0006_next_step_text_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # RenameModel leaves a proxy's base behind: the review queue's proxy is
        # taken out of the state and put back on the renamed model.
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("SnapshotAwaitingReview")]
        ),
        migrations.AlterModelTable("progresssnapshot", "commitments_progresssnapshot"),
        migrations.AlterModelTable(
            "historicalprogresssnapshot", "commitments_historicalprogresssnapshot"
        ),
        migrations.RenameModel("ProgressSnapshot", "ProgressReport"),
        migrations.RenameModel("HistoricalProgressSnapshot", "HistoricalProgressReport"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportAwaitingReview",
                    fields=[],
                    options={
                        "verbose_name": "report awaiting review",
                        "verbose_name_plural": "reports awaiting review",
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("commitments.progressreport",),
                )
            ]
        ),
        # The unique constraint names the field: taken off while it is renamed.
        migrations.RemoveConstraint(
            model_name="activitychange", name="one_change_per_activity_per_report"
        ),
        migrations.RenameField("activitychange", "snapshot", "report"),
        migrations.AddConstraint(
            model_name="activitychange",
            constraint=models.UniqueConstraint(
                fields=("report", "activity"), name="one_change_per_activity_per_report"
            ),
        ),
        migrations.RenameField("evidence", "snapshot", "report"),
        migrations.RenameField("reviewcomment", "snapshot", "report"),
        migrations.AlterModelOptions(
            name="reviewcomment",
            options={
                "ordering": ["report", "written_at", "pk"],
                "verbose_name": "review comment",
                "verbose_name_plural": "review comments",
            },
        ),
        migrations.AlterField(
            model_name="progressreport",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reports",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author",
            ),
        ),
        migrations.AlterField(
            model_name="progressreport",
            name="commitment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="commitments.commitment",
                verbose_name="commitment",
            ),
        ),
        migrations.AlterField(
            model_name="progressreport",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reports",
                to="meetings.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
