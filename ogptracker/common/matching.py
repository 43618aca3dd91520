"""Where a search's word is found in a folded text: anywhere, or where a word begins.

Arabic joins its articles and prepositions to the word they lead («والمنصة»,
«للمعلومات»): an Arabic word is looked for anywhere in a text. French and
English write theirs apart, or elided with an apostrophe («l'information»): a
word in another script is looked for where a word begins (the text's start,
or after a character that is neither a letter, a digit nor «_»), so that
«formation» does not find «information». What does not begin as a word does
(«%», an apostrophe) is looked for anywhere.
"""

import re

from .stemming import ARABIC

# What comes before a word's start: the text's start, or a character that is
# not a letter, a digit or «_». Read alike by PostgreSQL's regular expressions
# and Python's (SQLite's REGEXP).
BEFORE_A_WORD = r"(^|\W)"
WORD_LETTER = re.compile(r"\w")


def anywhere(form: str) -> bool:
    """Whether `form` is looked for anywhere in a text: Arabic, or not beginning
    as a word does («%», «'s»); else where a word begins."""
    return bool(ARABIC.search(form)) or not WORD_LETTER.match(form)


def at_a_word_start(form: str) -> str:
    """A regular expression finding `form` where a word begins, for PostgreSQL and Python."""
    return BEFORE_A_WORD + "".join(letter if letter.isalnum() else "\\" + letter for letter in form)


def begins_a_word(text: str, start: int) -> bool:
    """Whether a word of `text` begins at `start`."""
    return start == 0 or not WORD_LETTER.match(text[start - 1])
