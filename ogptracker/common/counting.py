"""Counts of related rows as correlated subqueries."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def row_count(queryset: QuerySet, path: str) -> Coalesce:
    """The number of rows of `queryset` whose `path` is the outer query's row.

    Unlike an annotated Count() (a join, then GROUP BY over every outer row),
    the database counts only for the rows the outer query returns, after its
    ORDER BY and LIMIT, and a COUNT(*) of the outer query leaves it out.
    """
    counted = queryset.filter(**{path: OuterRef("pk")}).order_by().values(path)
    return Coalesce(Subquery(counted.annotate(rows=Count("pk")).values("rows")), 0)
