from django.db import migrations

from meetings.search_words import KeepMinutesWords


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_amazigh_columns"),
        ("commitments", "0016_commitment_rank_index"),
    ]

    operations = [KeepMinutesWords()]
