"""PostgreSQL's own full-text search over the commitments, to compare with ours.

Each commitment and activity gets, for the run, a `tsvector` column and its
GIN index (`indexes()`): the titles weighted above the descriptions, each
language's text read with its text search configuration (`arabic`, `french`,
`english`). A query is read as the search reads it (ogptracker/publishing/search.py:
words, and quoted phrases kept as phrases) but left to PostgreSQL: each word
or phrase is parsed in the three configurations (their stemmers and, for
French and English, stop words), a commitment is found if it, one of its
activities or its lead institution matches any of them, ranked by `ts_rank`,
then the newest plan first, as ours.
"""

from contextlib import contextmanager

from django.db import connection

CONFIGS = ("arabic", "french", "english")


def _vector(weights):
    """SQL: the tsvector of {column prefix: weight}, each language in its configuration."""
    parts = []
    for column, weight in weights.items():
        for config in CONFIGS:
            code = config[:2] if config != "arabic" else "ar"
            parts.append(
                f"setweight(to_tsvector('{config}', coalesce({column}_{code}, '')), '{weight}')"
            )
    return " || ".join(parts)


COLUMNS = {
    "commitments_commitment": _vector({"title": "A", "description": "B"})
    + " || to_tsvector('simple', coalesce(ogp_id, ''))",
    "commitments_activity": _vector({"title": "C", "note": "D"}),
}
INSTITUTION = _vector({"name": "C"}) + " || to_tsvector('simple', coalesce(acronym, ''))"


@contextmanager
def indexes():
    """The `bench_fts` columns and their GIN indexes, dropped on the way out, the
    tables vacuumed as they were before."""
    with connection.cursor() as cursor:
        for table, vector in COLUMNS.items():
            cursor.execute(
                f"ALTER TABLE {table} ADD COLUMN bench_fts tsvector "
                f"GENERATED ALWAYS AS ({vector}) STORED"
            )
            cursor.execute(f"CREATE INDEX {table}_bench_fts ON {table} USING gin (bench_fts)")
            cursor.execute(f"ANALYZE {table}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN bench_fts")
                # Adding the column rewrote the table, with no page yet known to be
                # all visible: left so, the next run's search could not read the
                # commitments from an index alone, and would time another database.
                cursor.execute(f"VACUUM ANALYZE {table}")


def tsquery(query):
    """(SQL, params): the query's words and phrases, any of them, in every configuration."""
    from ogptracker.publishing.search import TOKENS

    parts, params = [], []
    for *quoted, word in TOKENS.findall(query):
        text, parse = (word, "plainto_tsquery") if word else ("".join(quoted), "phraseto_tsquery")
        for config in CONFIGS:
            parts.append(f"{parse}('{config}', %s)")
            params.append(text)
    return " || ".join(parts) or "''::tsquery", params


def _found(query, tail, columns):
    condition, params = tsquery(query)
    sql = f"""
        WITH q AS (SELECT {condition} AS query)
        SELECT {columns}
        FROM commitments_commitment c JOIN commitments_actionplan p ON p.id = c.plan_id, q
        WHERE c.bench_fts @@ q.query
           OR c.id IN (
               SELECT a.commitment_id FROM commitments_activity a WHERE a.bench_fts @@ q.query)
           OR c.lead_institution_id IN (
               SELECT i.id FROM commitments_institution i WHERE ({INSTITUTION}) @@ q.query)
        {tail}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


RANKED = "ORDER BY ts_rank(c.bench_fts, q.query) DESC, p.number DESC, c.number"


def commitment_names(query):
    """Every commitment found, best first, named «plan.number»."""
    return [f"{plan}.{number}" for plan, number in _found(query, RANKED, "p.number, c.number")]


def first_ten(query):
    """(how many found, the first ten's ids): what a results page asks."""
    (count,) = _found(query, "", "count(*)")[0]
    return count, _found(query, RANKED + " LIMIT 10", "c.id")
