"""What a search word's other forms share, so that one form finds them all.

The searches look for a word anywhere in the folded text (ogptracker/common/folding.py),
so a word already finds its longer forms: «التزام» finds «الالتزامات». The other
way round needs the word cut to its stem first: «الالتزامات» to «التزام», which
then finds «الالتزام» too. `stem()` cuts a folded word lightly, never below
three letters:

- Arabic: one of the articles and prefixed prepositions «ال», «وال», «بال»,
  «فال», «كال», «لل»; then one ending: the feminine plural «ات», the taa
  marbuta (ة, folded to ه), or the masculine plural «ون» / «ين» (these two
  only where four letters remain, so that «قانون» or «تحيين» stay whole).
- French and English: a plural's final «s» (not «ss»), on words of five
  letters or more.

Cutting only ever shortens a word from its ends, so whatever a word found
before, it still finds.
"""

import re

PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
# (ending, letters the stem keeps at least)
ENDINGS = (("ات", 3), ("ون", 4), ("ين", 4), ("ه", 3))
SHORTEST = 3
ARABIC = re.compile(r"[\u0600-\u06ff]")


def stem(word):
    """A folded word cut to the part its other forms share."""
    if ARABIC.search(word):
        return _arabic_stem(word)
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _arabic_stem(word):
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= SHORTEST:
            word = word[len(prefix) :]
            break
    for ending, keeps in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= keeps:
            return word[: -len(ending)]
    return word
