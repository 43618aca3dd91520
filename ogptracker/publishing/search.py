"""Finding commitments by words of their title, description, OGP id, activities or lead institution.

Every word must occur, in any of the three languages. Text and words are
folded alike (ogptracker/common/folding.py), and each word is cut to the part its
other forms share (ogptracker/common/stemming.py). The commitments' folded text is a
column the database keeps (`Commitment.search_text`), as do their activities'
titles and notes (`Activity.search_text`); institutions, few, are folded as
they are read.
"""

from django.db.models import Q

from commitments.models import Activity, Commitment, Institution
from ogptracker.common.folding import fold, folded_text
from ogptracker.common.languages import translated
from ogptracker.common.stemming import stem

INSTITUTION_FIELDS = [*translated("name"), "acronym"]
MAX_WORDS = 8
# Parts of a result shown under it as where its words were found.
PARTS_SHOWN = 5


def words(query):
    """The query's words, folded and stemmed (so «العرائض» finds «للعرائض»,
    and «الالتزامات» finds «الالتزام»); at most MAX_WORDS."""
    return [stem(fold(word)) for word in (query or "").split()][:MAX_WORDS]


def search_commitments(query):
    """Commitments holding every word of `query`, newest plan first; none for no word."""
    wanted = words(query)
    if not wanted:
        return Commitment.objects.none()
    institutions = Institution.objects.alias(searched=folded_text(*INSTITUTION_FIELDS))
    found = Commitment.objects.all()
    for word in wanted:
        found = found.filter(
            Q(search_text__contains=word)
            | Q(pk__in=Activity.objects.filter(search_text__contains=word).values("commitment"))
            | Q(lead_institution__in=institutions.filter(searched__contains=word))
        )
    return found.order_by("-plan__number", "number")


def holding_every_word(queryset, query):
    """`queryset` narrowed to rows whose folded `search_text` holds every word of `query`."""
    for word in words(query):
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def attach_parts_found(results, parts, query, parent):
    """Give each result `found`: its first PARTS_SHOWN `parts` (activities,
    status rows: a queryset with a `search_text` column, in the order to show
    them) holding every word of `query`, and `more_found`: how many others do.
    `parent` names the parts' field pointing to the results. One query."""
    by_result = {result.pk: [] for result in results}
    if by_result:
        parts = holding_every_word(parts.filter(**{f"{parent}__in": results}), query)
        for part in parts:
            by_result[getattr(part, f"{parent}_id")].append(part)
    for result in results:
        found = by_result[result.pk]
        result.found = found[:PARTS_SHOWN]
        result.more_found = len(found) - len(result.found)
    return results


def attach_activities_found(commitments, query):
    """Under each commitment found, the activities that hold every word."""
    activities = Activity.objects.order_by("number")
    return attach_parts_found(commitments, activities, query, "commitment")
