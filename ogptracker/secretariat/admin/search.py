"""The admin's search box reads what the public search reads.

Models that keep a folded `search_text` column (commitments, activities,
progress reports, meetings, agenda items, next steps) are also found by it:
every word of the search, in any language, with the public search's folding
(«الاطار» finds «الإطار»), besides what the admin's own `search_fields` find.
"""

from django.db.models import QuerySet
from django.http import HttpRequest

from ogptracker.publishing.search import holding_every_word, terms


class FoldedSearchMixin:
    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not terms(search_term) or not _has_search_text(queryset.model):
            return found, may_have_duplicates
        return found | holding_every_word(queryset, search_term), may_have_duplicates


def _has_search_text(model):
    return any(field.name == "search_text" for field in model._meta.concrete_fields)
