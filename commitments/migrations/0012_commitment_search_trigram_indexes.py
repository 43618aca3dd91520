from django.db import migrations

from ogptracker.common.trigram import AddTrigramIndex


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0011_progress_report'),
    ]

    operations = [
        # The search finds the commitments holding a word, and those holding
        # it in their title, as sets of ids, each through its own index.
        AddTrigramIndex("commitments_commitment", "search_text", "commitment_search_trgm"),
        AddTrigramIndex("commitments_commitment", "search_title", "commitment_title_trgm"),
    ]
