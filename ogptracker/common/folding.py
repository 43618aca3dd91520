"""Arabic letters written in several ways, folded to one for searching.

Hamzated alefs, alef maqsura and taa marbuta are often typed in their plain
forms; text and query are both folded (and lower-cased), in SQL and in Python
alike, so «الاطار» finds «الإطار».
"""

from django.db.models import F, Func, GeneratedField, TextField, Value
from django.db.models.functions import Coalesce, Lower, Replace

FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"))


def fold(text: str) -> str:
    for letter, plain in FOLDS:
        text = text.replace(letter, plain)
    return text.lower()


def folded_text(*fields: str) -> Lower:
    """SQL: the fields joined by spaces, folded and lower-cased (empty for NULL)."""
    text = JoinedText(*fields)
    for letter, plain in FOLDS:
        text = Replace(text, Value(letter), Value(plain), output_field=TextField())
    return Lower(text)


def search_column(*fields: str) -> GeneratedField:
    """A column the database keeps: the fields' folded text, for the public searches."""
    return GeneratedField(
        expression=folded_text(*fields), output_field=TextField(), db_persist=True
    )


class JoinedText(Func):
    """The fields' texts joined by spaces, NULL read as empty.

    One flat `||` chain: Concat nests a pair per field, deeper than SQLite's
    parser takes for a dozen fields.
    """

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(*(Coalesce(F(name), Value("")) for name in fields))
