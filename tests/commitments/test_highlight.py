"""The search's words marked in its results, and excerpts around them."""

from ogptracker.publishing.highlight import excerpt, marked


def test_whole_words_holding_a_query_word_are_marked_however_spelt():
    title = "اعتماد الإطار القانوني للحق في الحصول على المعلومات"

    assert marked(title, "الاطار المعلومة") == (
        "اعتماد <mark>الإطار</mark> القانوني للحق في الحصول على <mark>المعلومات</mark>"
    )


def test_a_stem_marks_the_whole_word_it_is_part_of():
    assert marked("تتبع الالتزامات", "الالتزام") == "تتبع <mark>الالتزامات</mark>"
    assert marked("Suivi des Engagements", "engagements") == "Suivi des <mark>Engagements</mark>"


def test_a_stem_marks_neither_another_word_nor_a_stop_word():
    text = "المبادئ المنصوص عليها في المنصة وفي المنصات"

    assert marked(text, "المنصة في") == (
        "المبادئ المنصوص عليها في <mark>المنصة</mark> وفي <mark>المنصات</mark>"
    )


def test_a_quoted_phrase_is_marked_whole():
    text = "Droit d'accès à l'information et accès aux archives"

    assert marked(text, "«accès à l'information»") == (
        "Droit d&#x27;<mark>accès à l&#x27;information</mark> et accès aux archives"
    )


def test_marks_stay_in_place_after_a_letter_that_lower_casing_lengthens():
    assert marked("İzmir et Rabat", "rabat") == "İzmir et <mark>Rabat</mark>"


def test_words_matching_the_same_stretch_make_one_mark():
    assert marked("بوابة المشاركة", "المشاركة مشارك") == "بوابة <mark>المشاركة</mark>"


def test_the_text_is_escaped_around_the_marks():
    assert marked("<b>cadre</b> & plan", "cadre") == (
        "&lt;b&gt;<mark>cadre</mark>&lt;/b&gt; &amp; plan"
    )


def test_a_text_without_the_words_is_only_escaped():
    assert marked("a < b", "cadre") == "a &lt; b"
    assert marked("a < b", "") == "a &lt; b"


def test_an_excerpt_is_cut_between_words_around_the_first_match():
    text = "بداية النص " * 30 + "يتعلق بالالتزامات الخاصة بالشفافية " + "ونهاية النص " * 30

    shown = excerpt(text, "الالتزام", width=80)

    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>بالالتزامات</mark>" in shown
    inner = shown.strip("…").replace("<mark>", "").replace("</mark>", "")
    assert len(inner) <= 80
    assert inner in " ".join(text.split())  # whole words only


def test_a_short_text_is_shown_whole_and_a_text_without_the_words_not_at_all():
    assert excerpt("منصة رقمية للعرائض", "العرائض") == "منصة رقمية <mark>للعرائض</mark>"
    assert excerpt("منصة رقمية", "العرائض") == ""
    assert excerpt("", "العرائض") == ""


def test_a_latin_word_is_marked_where_a_word_begins_only():
    text = "Programme d'information et de formation (formations)"

    assert marked(text, "formation") == (
        "Programme d&#x27;information et de <mark>formation</mark> (<mark>formations</mark>)"
    )
    assert marked(text, "information") == (
        "Programme d&#x27;<mark>information</mark> et de formation (formations)"
    )
