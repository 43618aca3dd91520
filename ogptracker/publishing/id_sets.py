"""Sets of ids holding a search term, as SQL subqueries (`RawSQL`) for `pk__in`.

The searches ask for a handful of such sets in each query. Built as querysets,
their subqueries took Django longer to put together than the database to
answer them (docs/performance.md); written here as SQL, they cost next to
nothing. Each still reads its table through the trigram index of its folded
`search_text` (or `search_title`) column on PostgreSQL.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from ogptracker.common.matching import anywhere, at_a_word_start


def holding(model, term, selected="id", column="search_text"):
    """`selected` of the rows of `model` whose `column` holds `term` (one of its
    forms: an Arabic one anywhere, any other where a word begins;
    ogptracker/common/matching.py)."""
    holds, params = [], []
    for form in term:
        if anywhere(form):
            holds.append(f"{_quoted(column)} {connection.operators['contains']}")
            params.append(f"%{connection.ops.prep_for_like_query(form)}%")
        else:
            holds.append(f"{_quoted(column)} {connection.operators['regex']}")
            params.append(at_a_word_start(form))
    return RawSQL(
        f"SELECT {_quoted(selected)} FROM {_quoted(model._meta.db_table)} "
        f"WHERE {' OR '.join(holds)}",
        params,
    )


def led_by(model, institutions):
    """The ids of the rows of `model` whose lead institution is among `institutions`."""
    return RawSQL(
        f"SELECT id FROM {_quoted(model._meta.db_table)} "
        f"WHERE lead_institution_id IN ({institutions.sql})",
        institutions.params,
    )


def either(*sets):
    """The ids in any of `sets`."""
    return RawSQL(
        " UNION ".join(ids.sql for ids in sets), [param for ids in sets for param in ids.params]
    )


def _quoted(name):
    return connection.ops.quote_name(name)
