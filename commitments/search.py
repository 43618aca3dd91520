"""Finding commitments by words of their title, description, OGP id or lead institution.

Every word must occur, in any of the three languages. Arabic letters often
written in several ways (hamzated alef, alef maqsura, taa marbuta) are
folded alike on both sides, so «الاطار» finds «الإطار».
"""

from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Replace

from .models import Commitment

FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"))
LANGUAGES = ("ar", "fr", "en")
SEARCHED = [
    *(f"title_{code}" for code in LANGUAGES),
    *(f"description_{code}" for code in LANGUAGES),
    "ogp_id",
    *(f"lead_institution__name_{code}" for code in LANGUAGES),
    "lead_institution__acronym",
]
MAX_WORDS = 8


def fold(text):
    for letter, plain in FOLDS:
        text = text.replace(letter, plain)
    return text


def words(query):
    """The query's words, folded, without the article «ال» (so «العرائض» finds
    «للعرائض» and «بالعرائض» too); at most MAX_WORDS."""
    return [_without_article(fold(word)) for word in (query or "").split()][:MAX_WORDS]


def _without_article(word):
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def search_commitments(query):
    """Commitments holding every word of `query`, newest plan first; none for no word."""
    wanted = words(query)
    if not wanted:
        return Commitment.objects.none()
    found = Commitment.objects.alias(
        **{f"searched_{index}": _folded(name) for index, name in enumerate(SEARCHED)}
    )
    for word in wanted:
        anywhere = Q()
        for index in range(len(SEARCHED)):
            anywhere |= Q(**{f"searched_{index}__icontains": word})
        found = found.filter(anywhere)
    return found.order_by("-plan__number", "number")


def _folded(name):
    text = F(name)
    for letter, plain in FOLDS:
        text = Replace(text, Value(letter), Value(plain), output_field=TextField())
    return text
