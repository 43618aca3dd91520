from django.db import migrations

from meetings import search_words
from ogptracker.common.postgresql import on_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_amazigh_columns"),
        ("commitments", "0016_commitment_rank_index"),
    ]

    operations = [on_postgresql(search_words.FORWARDS, search_words.BACKWARDS)]
