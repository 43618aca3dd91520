"""In the browser, French minutes showing Arabic where the French is missing read right.

The Arabic paragraph runs right to left, its full stop at its end (on the left);
a participant's line keeps its order: the name, then the Arabic function.
"""

import pytest

from tests.factories import (
    make_agenda_item,
    make_committee,
    make_meeting,
    make_participant,
    make_plan,
)

# Left edge of the character at `index` of the text of the first element matching `selector`.
LEFT_OF = """([selector, text, index]) => {
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.textContent.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at + index);
      range.setEnd(node, at + index + 1);
      return range.getBoundingClientRect().left;
    }
  }
  return null;
}"""


@pytest.mark.django_db(transaction=True)
def test_french_minutes_lay_an_arabic_fallback_out_right_to_left(journey):
    plan = make_plan(1, title="الخطة الأولى", title_fr="Premier plan")
    meeting = make_meeting(make_committee(plan, name="لجنة التنفيذ", name_fr="Comité d'exécution"))
    make_participant(meeting, name="Hatim Mouradi", honorific="mr", function="رئيس المشروع")
    make_agenda_item(
        meeting,
        title="تقدم الأنشطة",
        title_fr="Avancement des activités",
        body="ناقشت اللجنة تقدم الأنشطة.",
    )
    trip = journey()

    trip.page.goto(f"/fr/meetings/{meeting.pk}/")
    trip.snap("fallback")
    body = trip.page.locator(".minutes-item div[lang]")
    left = lambda selector, text, index=0: trip.page.evaluate(LEFT_OF, [selector, text, index])  # noqa: E731

    assert (body.get_attribute("lang"), body.get_attribute("dir")) == ("ar", "rtl")
    assert body.evaluate("element => getComputedStyle(element).direction") == "rtl"
    sentence = "ناقشت اللجنة تقدم الأنشطة."
    # The full stop is drawn left of the last word, which is left of the first.
    full_stop = left(".minutes-item div[lang]", sentence, len(sentence) - 1)
    last_word = left(".minutes-item div[lang]", "الأنشطة.", 0)
    first_word = left(".minutes-item div[lang]", "ناقشت", 0)
    assert full_stop < last_word < first_word
    # The participant's line: «M. Hatim Mouradi, رئيس المشروع», the name first.
    assert left(".minutes-participants li", "Hatim") < left(".minutes-participants li", "رئيس")
    assert trip.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_amazigh_pages_are_set_in_the_shipped_tifinagh_font(journey):
    make_plan(1, title="الخطة الأولى", title_zgh="ⴰⵖⴰⵡⴰⵙ ⴰⵎⵣⵡⴰⵔⵓ")
    trip = journey()

    trip.page.goto("/zgh/")
    trip.page.wait_for_load_state("networkidle")
    trip.snap("home")

    assert trip.page.evaluate("document.documentElement.lang") == "zgh"
    assert trip.page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert trip.page.get_by_role("link", name="ⵉⵖⴰⵡⴰⵙⵏ ⵉⵏⴰⵎⵓⵔⵏ ⵏ ⵜⵉⴳⴰⵡⵜ").count() == 1
    loaded = trip.page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)"
    )
    assert "Noto Sans Tifinagh Shipped 400" in loaded
    assert trip.console_errors == []
