from django.db import migrations

from ogptracker.common.trigram import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_search_text"),
        ("commitments", "0006_search_text_of_reports_and_activities"),
    ]

    # The search of minutes looks for each word among tens of thousands of
    # agenda items and next steps too; without these it read both tables whole.
    operations = [
        AddTrigramIndex("meetings_agendaitem", "search_text", "agendaitem_search_trgm"),
        AddTrigramIndex("meetings_nextstep", "search_text", "nextstep_search_trgm"),
    ]
