"""Amazigh as a fourth language, and a field falling back to Arabic marked as Arabic.

A French, English or Amazigh page whose record has no text in its language shows
the Arabic one (the text of record): it must say so, with `lang="ar"` and
`dir="rtl"`, on every public page, in the minutes' PDF and in the feeds.
"""

import datetime
import html
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import (
    make_activity,
    make_agenda_item,
    make_commitment,
    make_committee,
    make_institution,
    make_meeting,
    make_next_step,
    make_participant,
    make_plan,
    make_report,
    make_user,
)
from tests.text import pdf_text, readable

pytestmark = pytest.mark.django_db

TIFINAGH = re.compile("[\u2d30-\u2d7f]")
ARABIC_MARK = 'lang="ar" dir="rtl"'


@pytest.fixture
def only_arabic():
    """A plan, a commitment and its minutes written in Arabic only."""
    plan = make_plan(1, title="الخطة الوطنية الأولى", title_fr="Premier plan national")
    institution = make_institution(name="وزارة العدل", name_fr="Ministère de la Justice")
    commitment = make_commitment(
        plan,
        3,
        title="الأرشيف الرقمي",
        problem="ضعف الولوج إلى الأرشيف.",
        lead_institution=institution,
    )
    make_activity(commitment, 1, title="رقمنة الأرشيف", title_fr="Numériser les archives")
    make_report(commitment, 40, narrative="تم إعداد دفتر التحملات.")
    committee = make_committee(plan, name="لجنة التنفيذ", name_fr="Comité d'exécution")
    meeting = make_meeting(committee, title="الاجتماع الأول", title_fr="Première réunion")
    make_participant(
        meeting, name="Hatim Mouradi", honorific="mr", function="رئيس المشروع", group="الوزارات"
    )
    make_agenda_item(meeting, title="تقدم الأنشطة", body="ناقشت اللجنة تقدم الأنشطة.")
    make_next_step(meeting, text="برمجة لقاء.")
    return commitment, meeting


def get(client, name, *args, language):
    with override(language):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en", "zgh"])
def test_each_public_page_marks_the_arabic_fallback_with_its_language_and_direction(
    client, only_arabic, language
):
    commitment, meeting = only_arabic
    pages = {
        "home": (get(client, "commitments:home", language=language), None),
        "plan": (get(client, "commitments:plan_dashboard", 1, language=language), "الأرشيف الرقمي"),
        "commitment": (
            get(client, "commitments:commitment_detail", 1, 3, language=language),
            "ضعف الولوج إلى الأرشيف.",
        ),
        "institution": (
            get(
                client,
                "commitments:institution_detail",
                commitment.lead_institution_id,
                language=language,
            ),
            "الأرشيف الرقمي",
        ),
        "minutes": (
            get(client, "meetings:minutes", meeting.pk, language=language),
            "ناقشت اللجنة تقدم الأنشطة.",
        ),
    }

    unmarked = []
    for name, (page, arabic) in pages.items():
        if arabic is None:
            continue
        # The element holding the Arabic text, or the block around it, is marked.
        before = page.split(arabic)[0][-200:]
        if ARABIC_MARK not in before:
            unmarked.append((name, before))
    assert unmarked == []


@pytest.mark.parametrize("language", ["fr", "zgh"])
def test_a_text_in_the_pages_language_is_not_marked(client, only_arabic, language):
    page = get(client, "commitments:plan_dashboard", 1, language=language)

    # The plan's title exists in French only: on the Amazigh page it falls back.
    expected = "Premier plan national" if language == "fr" else "الخطة الوطنية الأولى"
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert expected in heading
    assert (ARABIC_MARK in heading) == (language == "zgh")


def test_minutes_mark_each_arabic_part_of_a_participant_line(client, only_arabic):
    _commitment, meeting = only_arabic

    page = get(client, "meetings:minutes", meeting.pk, language="fr")

    line = re.search(r'<ul class="minutes-participants">\s*<li dir="auto">(.*?)</li>', page, re.S)
    assert readable(re.sub("<[^>]+>", "", line.group(1))) == "M. Hatim Mouradi, رئيس المشروع"
    assert f"<bdi {ARABIC_MARK}>\u2067\u2068رئيس المشروع\u2069\u2069</bdi>" in line.group(1)
    heading = re.search(r'<h3 class="minutes-group">(.*?)</h3>', page, re.S).group(1)
    assert f"<bdi {ARABIC_MARK}>" in heading


def test_feeds_mark_the_arabic_fallback(client, only_arabic):
    _commitment, meeting = only_arabic
    with override("fr"):
        feed = client.get(reverse("meetings:minutes_feed")).content.decode()

    # The entry's summary is HTML, escaped inside the Atom XML.
    assert '&lt;li lang="ar" dir="rtl"&gt;تقدم الأنشطة&lt;/li&gt;' in feed


@pytest.mark.parametrize(
    "name, args",
    [
        ("commitments:home", ()),
        ("commitments:plan_dashboard", (1,)),
        ("commitments:commitment_detail", (1, 3)),
        ("meetings:meeting_list", ()),
        ("commitments:open_data", ()),
        ("commitments:search", ()),
        ("commitments:search_minutes", ()),
    ],
)
def test_amazigh_pages_answer_in_tifinagh_left_to_right(client, only_arabic, name, args):
    page = get(client, name, *args, language="zgh")

    assert '<html lang="zgh" dir="ltr">' in page
    menu = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
    assert "ⵉⵖⴰⵡⴰⵙⵏ ⵉⵏⴰⵎⵓⵔⵏ ⵏ ⵜⵉⴳⴰⵡⵜ" in menu
    headings = " ".join(re.findall(r"<h[12][^>]*>(.*?)</h[12]>", page, re.S))
    assert TIFINAGH.search(headings), headings


def test_amazigh_minutes_pdf_reads_back_in_tifinagh_in_order(client, only_arabic):
    _commitment, meeting = only_arabic
    # The minutes translated, as the secretariat would before publishing them in Amazigh.
    meeting.agenda_items.update(
        title_zgh="ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ", body_zgh="ⵜⵙⴳⵏⵏⴰ ⵜⵎⵙⵙⵓⵔⵜ ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ."
    )
    meeting.participants.update(function_zgh="ⴰⵏⵎⵀⴰⵍ ⵏ ⵓⵙⵏⴼⴰⵔ", group_zgh="ⵜⵉⵎⴰⵡⴰⵙⵉⵏ")
    meeting.next_steps.update(text_zgh="ⴰⵙⵖⵉⵡⵙ ⵏ ⵢⴰⵏ ⵓⵎⵢⴰⵏⴰⵡ.")
    meeting.committee.plan.__class__.objects.update(title_zgh="ⴰⵖⴰⵡⴰⵙ ⴰⵏⴰⵎⵓⵔ ⴰⵎⵣⵡⴰⵔⵓ")
    meeting.committee.__class__.objects.update(name_zgh="ⵜⴰⵎⵙⵙⵓⵔⵜ ⵏ ⵓⵙⵏⴼⴰⵔ")
    meeting.__class__.objects.update(title_zgh="ⴰⴳⵔⴰⵡ ⴰⵎⵣⵡⴰⵔⵓ")
    with override("zgh"):
        response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))

    lines = [readable(line) for line in pdf_text(response.content).splitlines() if line.strip()]
    assert response.status_code == 200
    assert "ⴰⵣⵎⵣ ⵏ ⵓⴳⵔⴰⵡ: ⴰⴽⵕⴰⵙ 17 ⵢⵓⵏⵢⵓ 2020" in lines  # Date of the meeting: Wednesday…
    assert "ⵉⵎⵜⵜⴽⴽⵉⵢⵏ:" in lines  # Participants:
    assert "• ⵎⴰⵙⵙ Hatim Mouradi, ⴰⵏⵎⵀⴰⵍ ⵏ ⵓⵙⵏⴼⴰⵔ" in lines
    assert "ⵉⵙⵓⵔⵉⴼⵏ ⴷ ⵉⵍⴽⵎⵏ" in lines  # Next steps
    assert "ⵜⵙⴳⵏⵏⴰ ⵜⵎⵙⵙⵓⵔⵜ ⴰⵙⵎⵖⵓⵔ ⵏ ⵜⵉⴳⴰⵡⵉⵏ." in lines
    fonts = subprocess.run(
        ["pdffonts", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Noto-Sans-Tifinagh-Shipped" in fonts


def words_of_the_line(pdf, word):
    """(left edge, text) of each word on the line holding `word`, as drawn: pdftotext's
    boxes give a right-to-left word's letters in the order they are drawn."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = [
        (float(left), float(top), html.unescape(text))
        for left, top, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes
        )
    ]
    line = next(top for _left, top, text in found if text == word)
    return sorted((left, text) for left, top, text in found if abs(top - line) < 2)


def test_french_minutes_pdf_prints_the_fallbacks_full_stop_at_its_end(client, only_arabic):
    _commitment, meeting = only_arabic
    with override("fr"):
        content = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).content

    # «ناقشت اللجنة تقدم الأنشطة.» drawn right to left: its first word on the right,
    # its full stop at the far left, after its last word.
    words = [text for _left, text in words_of_the_line(content, "تشقان")]
    assert words == [".ةطشنألا", "مدقت", "ةنجللا", "تشقان"]


def test_admin_under_amazigh_is_the_arabic_admin(client):
    client.force_login(make_user(secretariat=True))

    response = client.get("/zgh/admin/commitments/commitment/?o=1")

    assert response.status_code == 302
    assert response["Location"] == "/ar/admin/commitments/commitment/?o=1"


def test_amazigh_dates_on_a_page(client, only_arabic):
    _commitment, meeting = only_arabic
    meeting.date = datetime.date(2025, 3, 18)
    meeting.save()

    page = get(client, "meetings:minutes", meeting.pk, language="zgh")

    assert "ⴰⵙⵉⵏⴰⵙ 18 ⵎⴰⵕⵚ 2025" in page
