"""Search words cut to what their other forms share, never below three letters."""

import pytest

from ogptracker.common.folding import fold
from ogptracker.common.stemming import forms, stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الالتزامات", "التزام"),  # article, feminine plural
        ("المعلومات", "معلوم"),
        ("بالمعلومات", "معلوم"),  # preposition and article
        ("للعرائض", "عرائض"),
        ("والشفافية", "شفافي"),  # the taa marbuta, folded to ه
        ("الحكومة", "حكوم"),
        ("المواطنين", "مواطن"),  # masculine plurals
        ("الموظفون", "موظف"),
        ("engagements", "engagement"),
        ("Données", "donnée"),
    ],
)
def test_words_are_cut_to_their_stem(word, expected):
    assert stem(fold(word)) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("قانون", "قانون"),  # «ون» of the root: four letters would not remain
        ("القانون", "قانون"),
        ("تحيين", "تحيين"),
        ("اللغة", "لغه"),  # «لغ» would be too short
        ("ذات", "ذات"),
        ("progress", "progress"),  # «ss»
        ("plan", "plan"),
        ("ma0001", "ma0001"),
    ],
)
def test_roots_and_short_words_are_not_cut_below_three_letters(word, expected):
    assert stem(fold(word)) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # «منص» is in «المنصوص» too: the two feminine forms are looked for.
        ("المنصة", ("منصه", "منصات")),
        ("المنصات", ("منصه", "منصات")),
        ("اللغة", ("لغه",)),  # not cut
        ("الحكومة", ("حكوم",)),  # four letters are left: the stem alone
        ("المعلومات", ("معلوم",)),
        ("القانون", ("قانون",)),
        ("Données", ("donnée",)),
    ],
)
def test_a_stem_of_other_words_too_is_looked_for_in_its_feminine_forms(word, expected):
    assert forms(fold(word)) == expected
