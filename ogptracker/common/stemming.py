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
before, it still finds; except where a feminine ending cut leaves only three
letters, which other words hold too: «منص», of «المنصة», is in «المنصوص».
Such a word is looked for in its two feminine forms instead (`forms()`:
«منصه» or «منصات»), so «المنصة» and «المنصات» find each other and not
«المنصوص».
"""

import re

PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
# (ending, letters the stem keeps at least)
ENDINGS = (("ات", 3), ("ون", 4), ("ين", 4), ("ه", 3))
# The feminine singular and plural endings, taa marbuta folded to ه.
FEMININE = ("ه", "ات")
SHORTEST = 3
ARABIC = re.compile(r"[\u0600-\u06ff]")


def stem(word):
    """A folded word cut to the part its other forms share."""
    return _cut(word)[0]


def forms(word):
    """The strings, any of which found in a text, show a folded `word` there:
    its stem, or its two feminine forms where the stem alone is of other words too."""
    cut, ending = _cut(word)
    if ending in FEMININE and len(cut) == SHORTEST:
        return tuple(cut + feminine for feminine in FEMININE)
    return (cut,)


def _cut(word):
    """(stem, ending cut) of a folded word; the ending is empty if none was cut."""
    if ARABIC.search(word):
        return _arabic_cut(word)
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1], "s"
    return word, ""


def _arabic_cut(word):
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= SHORTEST:
            word = word[len(prefix) :]
            break
    for ending, keeps in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= keeps:
            return word[: -len(ending)], ending
    return word, ""
