import django.db.models.deletion
from django.db import migrations, models

HELP = "The next step of published minutes that the revision follows."


class Migration(migrations.Migration):
    dependencies = [
        ("ogpcycle", "0004_ogp_template_and_comments"),
    ]

    operations = [
        migrations.RenameField(model_name="planrevision", old_name="decision", new_name="next_step"),
        migrations.RenameField(
            model_name="historicalplanrevision", old_name="decision", new_name="next_step"
        ),
        migrations.AlterField(
            model_name="historicalplanrevision",
            name="next_step",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.nextstep",
                verbose_name="next step",
            ),
        ),
        migrations.AlterField(
            model_name="planrevision",
            name="next_step",
            field=models.ForeignKey(
                help_text=HELP,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plan_revisions",
                to="meetings.nextstep",
                verbose_name="next step",
            ),
        ),
    ]
