"""Finding commitments by words of their title, description, OGP id, activities or lead institution.

A query is read as terms (`terms()`): its words, each folded
(ogptracker/common/folding.py) and cut to the part its other forms share
(ogptracker/common/stemming.py), with the words of the same meaning
(`SAME_MEANING`), and its quoted phrases («…» or "…"), folded and found as
typed. Stop words («إلى», «في», «de», «the»…) are left out, unless
the query holds nothing else. A text holds a term where one of its forms
is: an Arabic one anywhere (its articles and prepositions are joined to it),
any other where a word begins, so that «formation» does not find
«information» (ogptracker/common/matching.py). A commitment holding any term is found; those
holding more terms come first, then those holding them in their title, then
in their own text (description, OGP id) rather than their activities' or lead
institution's; then the newest plan first.

The commitments' folded text is a column the database keeps
(`Commitment.search_text`, and their titles alone `Commitment.search_title`),
as do their activities' titles and notes (`Activity.search_text`) and
institutions' names and acronyms (`Institution.search_text`).
"""

import re
from functools import lru_cache, reduce
from operator import or_

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber

from commitments.models import Activity, Commitment, Institution
from ogptracker.common.folding import fold
from ogptracker.common.languages import translated
from ogptracker.common.matching import anywhere, at_a_word_start
from ogptracker.common.stemming import forms

from . import id_sets

MAX_WORDS = 8
# Parts of a result shown under it as where its words were found.
PARTS_SHOWN = 5

# A quoted phrase («…», "…" or “…”), or a word.
TOKENS = re.compile(r"«([^»]+)»|\"([^\"]+)\"|“([^”]+)”|(\S+)")
# French elisions: «l'information» is searched as «information».
ELISION = re.compile(r"^(?:qu|[cdjlmnst])['’]")
PUNCTUATION = "\"'’«»“”.,;:!?()[]،؛؟"
# Folded as the texts are (أ إ آ → ا, ى → ي), so «إلى» is «الى».
STOP_WORDS = frozenset(
    fold(word)
    for word in """
    في من إلى على عن و أو ثم مع هذا هذه ذلك تلك التي الذي الذين أن إن كان ما لا قد كل بين حتى
    عند لدى ب ل ك ف
    le la les l de des du d un une et ou à au aux en pour par sur dans avec que qui ce ces est
    the a an of to in on for and or with by at from is as
    """.split()
)

# Stems of words naming the same thing in the plans' Arabic: a word finds the
# others. Data is «البيانات», or «المعطيات», Morocco's own portals' word
# («المعطيات المفتوحة», open data).
SAME_MEANING = (("بيان", "معطي"),)


@lru_cache(maxsize=256)
def terms(query):
    """The query's terms, each a tuple of strings any of which a text must hold
    to hold the term; at most MAX_WORDS. Remembered: a results page marks its
    words in every title and excerpt it shows."""
    phrases, words, stop_words = [], [], []
    for *quoted, word in TOKENS.findall(query or ""):
        phrase = " ".join(fold("".join(quoted)).split())
        if phrase:
            phrases.append((phrase,))
            continue
        word = ELISION.sub("", fold(word).strip(PUNCTUATION))
        if word:
            (stop_words if word in STOP_WORDS else words).append(_same_meaning(forms(word)))
    return tuple(phrases + (words or stop_words))[:MAX_WORDS]


def _same_meaning(found):
    """A word's `forms()`, and the stems of the words of the same meaning."""
    for stems in SAME_MEANING:
        if set(found) & set(stems):
            return tuple(dict.fromkeys(found + stems))
    return found


def holding(term, column="search_text"):
    """Q: `column` holds `term` (one of its forms: an Arabic one anywhere, any
    other where a word begins; ogptracker/common/matching.py)."""
    return reduce(or_, (_holding_form(form, column) for form in term))


def _holding_form(form, column):
    if anywhere(form):
        return Q(**{f"{column}__contains": form})
    return Q(**{f"{column}__regex": at_a_word_start(form)})


def search_commitments(query):
    """Commitments holding a term of `query`, best first (see above); none for no term."""
    wanted = terms(query)
    if not wanted:
        return Commitment.objects.none()
    # Each term as the commitments holding it, and those holding it in their
    # title or own text: sets of ids, each read through its own trigram index
    # on PostgreSQL. Asked as one OR over the columns and the activities, the
    # database read every commitment's text instead (docs/performance.md).
    holders = [_holders(term) for term in wanted]
    return (
        Commitment.objects.filter(reduce(or_, (Q(pk__in=found) for found in holders)))
        .alias(
            # Every commitment found holds a lone term: no need to count it.
            held=_count(Q(pk__in=found) for found in holders) if len(wanted) > 1 else Value(1),
            in_title=_count(Q(pk__in=_own(term, "search_title")) for term in wanted),
            in_own_text=_count(Q(pk__in=_own(term)) for term in wanted),
        )
        .order_by("-held", "-in_title", "-in_own_text", "-plan__number", "number")
    )


def _own(term, column="search_text"):
    """The ids of the commitments whose own `column` holds `term`."""
    return id_sets.holding(Commitment, term, column=column)


def _holders(term):
    """The ids of the commitments holding `term`: in their own text, an
    activity's or their lead institution's name."""
    return id_sets.either(
        _own(term),
        id_sets.holding(Activity, term, selected="commitment_id"),
        id_sets.led_by(Commitment, id_sets.holding(Institution, term)),
    )


def _count(conditions):
    """SQL: how many of `conditions` hold."""
    return sum(
        (Case(When(condition, then=Value(1)), default=Value(0)) for condition in conditions),
        start=Value(0, output_field=IntegerField()),
    )


def holding_every_word(queryset, query):
    """`queryset` narrowed to rows whose folded `search_text` holds every term of `query`."""
    for term in terms(query):
        queryset = queryset.filter(holding(term))
    return queryset


def attach_parts_found(results, parts, query, parent, order):
    """Give each result `found`: its first PARTS_SHOWN `parts` (activities,
    status rows: a queryset with a `search_text` column) in `order` holding every
    word of `query`, and `more_found`: how many others do. `parent` names the
    parts' field pointing to the results. One query, which reads no more than
    PARTS_SHOWN parts of each result."""
    by_result = {result.pk: [] for result in results}
    if by_result:
        parts = first_of_each(
            holding_every_word(parts.filter(**{f"{parent}__in": results}), query),
            parent,
            order,
            PARTS_SHOWN,
        )
        for part in parts:
            by_result[getattr(part, f"{parent}_id")].append(part)
    for result in results:
        found = by_result[result.pk]
        result.found = found
        result.more_found = found[0].of_parent - len(found) if found else 0
    return results


def first_of_each(parts, parent, order, count):
    """The first `count` of `parts` in `order` (field names, "-" for descending) of
    each `parent`, in that order, each with `of_parent`: how many `parts` that
    parent has in all."""
    by_parent = {"partition_by": F(parent)}
    return (
        parts.annotate(
            place=Window(RowNumber(), order_by=order, **by_parent),
            of_parent=Window(Count("pk"), **by_parent),
        )
        .filter(place__lte=count)
        .order_by(*order)
    )


def attach_activities_found(commitments, query):
    """Under each commitment found, the activities that hold every word."""
    # What is shown of each: its number and title.
    activities = Activity.objects.only("commitment", "number", *translated("title"))
    return attach_parts_found(commitments, activities, query, "commitment", ["number"])
