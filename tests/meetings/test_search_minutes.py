"""Searching the published minutes by their agenda, status table and next steps."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus, ReportStatus
from ogptracker.publishing.minutes_search import search_minutes
from tests.factories import (
    make_agenda_item,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    committee = make_committee(plan=make_plan(1))
    june = make_meeting(committee, date=datetime.date(2020, 6, 17))
    make_agenda_item(
        june,
        "تتبع تنفيذ الإطار القانوني للحق في الحصول على المعلومات",
        bullets="تقديم حصيلة المؤسسات\nبرمجة ورشة تكوينية\nتطبيق المبادئ المنصوص عليها",
    )
    make_next_step(june, "إعداد دليل المرتفق", text_fr="Préparer le guide de l'usager")
    march = make_meeting(committee, date=datetime.date(2025, 3, 18), title_en="Second meeting")
    make_agenda_item(march, "عرض الخطة الوطنية الثالثة", body="نقاش حول منصة المشاركة المواطنة")
    draft = make_meeting(committee, date=datetime.date(2025, 9, 1), status=MeetingStatus.DRAFT)
    make_agenda_item(draft, "منصة المشاركة المواطنة: مشروع لم ينشر")
    commitment = make_commitment(plan=committee.plan, number=7)
    make_report(
        commitment,
        meeting=june,
        narrative="إطلاق طلب العروض الخاص بالدراسة",
        platform_note_fr="Les indicateurs restent à saisir",
        schedule="استكمال التكوين قبل متم السنة",
    )
    # A report still with the secretariat is not in the public minutes.
    make_report(
        commitment,
        meeting=march,
        date=datetime.date(2025, 3, 18),
        narrative="صفقة لم تنشر بعد",
        status=ReportStatus.SUBMITTED,
    )
    return {"june": june, "march": march}


def found(query, meetings):
    names = {meeting.pk: name for name, meeting in meetings.items()}
    return [names[meeting.pk] for meeting in search_minutes(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الاطار القانوني", ["june"]),  # أ/إ written as ا
        ("ورشة", ["june"]),  # in the agenda item's points
        ("guide usager", ["june"]),  # a next step, in French
        ("ورشة دليل", ["june"]),  # every word, from an item and a step
        ("المشاركة", ["march"]),  # in the discussion; the draft is never found
        ("second", ["march"]),  # the meeting's own title
        ("طلب العروض", ["june"]),  # a status row's actions taken
        ("indicateurs", ["june"]),  # its tracking platform note, in French
        ("التكوين دليل", ["june"]),  # its new schedule, with a next step
        ("الورشات", ["june"]),  # a plural finds the singular
        ("الدراسات", ["june"]),  # and «بالدراسة» in a status row
        ("صفقة", []),  # a report not yet published
        ("الصفقات", []),
        ("منصة ورشة", []),
        ("المنصة", ["march"]),  # not «المنصوص» of June's points
        ("الحصول إلى المعلومات", ["june"]),  # «إلى», a stop word, need not be there
        ("«الحصول على المعلومات»", ["june"]),  # a phrase
        ("«المعلومات على الحصول»", []),
        ("", []),
    ],
)
def test_search_minutes_finds_every_word_in_any_part(meetings, query, expected):
    assert found(query, meetings) == expected


def test_search_minutes_platform_is_not_found_in_the_march_2025_seed_minutes(seed_data):
    """They hold «المنصوص», not «المنصة»: the stem «منص» found them."""
    assert [str(meeting.date) for meeting in search_minutes("المنصة")] == []
    assert [str(meeting.date) for meeting in search_minutes("المنصوص")] == ["2025-03-18"]


def test_search_minutes_lists_the_latest_first(meetings):
    make_agenda_item(meetings["june"], "المشاركة المواطنة")

    assert found("المشاركة", meetings) == ["march", "june"]


def test_search_minutes_finds_a_report_once_published(meetings):
    report = meetings["march"].reports.get()
    report.status = ReportStatus.PUBLISHED
    report.save()

    assert found("صفقة", meetings) == ["march"]


def test_search_minutes_edit_is_found_at_once(meetings):
    item = meetings["march"].agenda_items.get()
    item.body_fr = "Débat sur la plateforme de pétitions"
    item.save()

    assert found("pétitions", meetings) == ["march"]


def search_page(client, query):
    return client.get(reverse("commitments:search"), {"q": query}).content.decode()


def test_search_page_lists_the_minutes_under_the_commitments(client, meetings):
    page = search_page(client, "دليل المرتفق")

    minutes_url = reverse("meetings:minutes", args=[meetings["june"].pk])
    assert f'href="{minutes_url}"' in page
    assert "17 يونيو 2020" in page
    assert "محاضر تذكر «<bdi>دليل المرتفق</bdi>»" in page
    # Found in the minutes: no advice to try other words.
    assert "جربوا كلمات أقل" not in page


def test_search_page_points_to_the_minutes_below_the_commitments(client, meetings):
    make_commitment(plan=make_plan(3), number=4, title="إعداد دليل المرتفق للخدمات")

    page = search_page(client, "دليل المرتفق")

    assert '<a href="#minutes-found">المحاضر التي تذكره مدرجة أسفله.</a>' in page
    assert 'id="minutes-found"' in page


def twelve_minutes():
    committee = make_committee(plan=make_plan(2))
    for day in range(1, 13):
        meeting = make_meeting(committee, date=datetime.date(2022, 5, day))
        make_agenda_item(meeting, "تقدم إنجاز الالتزامات")


def test_search_page_lists_the_latest_three_minutes_and_links_to_all(client):
    twelve_minutes()

    page = search_page(client, "تقدم")

    assert page.count('class="meeting-pdf"') == 3
    assert ">12 ماي 2022 —" in page
    assert ">10 ماي 2022 —" in page
    assert ">9 ماي 2022 —" not in page
    link = reverse("commitments:search_minutes") + "?q=%D8%AA%D9%82%D8%AF%D9%85&amp;"
    assert f'<a href="{link}">كل المحاضر التي تذكر «<bdi>تقدم</bdi>»</a>' in page


def test_no_link_to_all_the_minutes_when_all_are_shown(client, meetings):
    page = search_page(client, "دليل المرتفق")

    assert reverse("commitments:search_minutes") not in page


def test_minutes_found_are_listed_ten_a_page_latest_first(client):
    twelve_minutes()
    url = reverse("commitments:search_minutes")

    first = client.get(url, {"q": "تقدم"}).content.decode()
    second = client.get(url, {"q": "تقدم", "page": 2}).content.decode()

    assert "المحاضر المنشورة التي وردت فيها: 12" in first
    assert "<h1>محاضر تذكر «<bdi>تقدم</bdi>»</h1>" in first
    assert first.count('class="meeting-pdf"') == 10
    assert ">12 ماي 2022 —" in first and ">3 ماي 2022 —" in first
    assert second.count('class="meeting-pdf"') == 2
    assert ">2 ماي 2022 —" in second and ">1 ماي 2022 —" in second
    # Each with where the words are, as on the search page.
    assert "<mark>تقدم</mark> إنجاز الالتزامات" in second
    assert 'rel="next" href="?q=%D8%AA%D9%82%D8%AF%D9%85&amp;page=2"' in first
    assert client.get(url, {"q": "تقدم", "page": 3}).status_code == 400


def test_minutes_found_page_in_french_and_with_nothing_found(client):
    twelve_minutes()
    url = reverse("commitments:search_minutes")

    with override("fr"):
        page = client.get(reverse("commitments:search_minutes"), {"q": "تقدم"}).content.decode()
    nothing = client.get(url, {"q": "غائبة"}).content.decode()
    empty = client.get(url).content.decode()

    assert "Procès-verbaux publiés trouvés : 12" in page
    assert "المحاضر المنشورة التي وردت فيها: 0" in nothing
    assert "جربوا كلمات أقل" in nothing
    assert 'class="meeting-pdf"' not in empty
    assert "<h1>البحث في الالتزامات والمحاضر</h1>" in empty


def test_search_page_points_to_the_status_rows_that_hold_the_words(client, meetings):
    page = search_page(client, "طلب العروض")

    minutes_url = reverse("meetings:minutes", args=[meetings["june"].pk])
    assert f'href="{minutes_url}#status-1-7"' in page
    assert "في وضعية تنفيذ الالتزامات:" in page
    # Found in an agenda item only: no row to point to.
    assert "في وضعية تنفيذ الالتزامات:" not in search_page(client, "الاطار القانوني")


def test_search_page_points_to_published_rows_only(client, meetings):
    make_agenda_item(meetings["march"], "صفقة الدراسة")

    page = search_page(client, "صفقة")

    assert "#status-" not in page


def test_minutes_rows_carry_the_anchor_search_points_to(client, meetings):
    page = client.get(reverse("meetings:minutes", args=[meetings["june"].pk])).content.decode()

    # Plan 1, commitment 7: the same after a backup is restored, unlike row ids.
    assert '<tr id="status-1-7">' in page


def test_search_page_points_to_five_rows_and_counts_the_others(client, meetings):
    plan = meetings["june"].committee.plan
    for number in range(10, 17):
        make_report(
            make_commitment(plan=plan, number=number),
            meeting=meetings["june"],
            narrative=f"إطلاق طلب العروض رقم {number}",
        )

    page = search_page(client, "طلب العروض")

    assert page.count("#status-") == 5
    assert "و3 أخرى" in page


def test_search_page_shows_where_the_minutes_hold_the_words(client, meetings):
    page = client.get(reverse("commitments:search"), {"q": "ورشات"}).content.decode()

    # From the agenda item's points, the words marked, a link to the item.
    minutes = reverse("meetings:minutes", args=[meetings["june"].pk])
    item = meetings["june"].agenda_items.get()
    assert "برمجة <mark>ورشة</mark> تكوينية" in page
    assert f'<a href="{minutes}#agenda-{item.order}">' in page
    page = client.get(reverse("commitments:search"), {"q": "دليل المرتفق"}).content.decode()
    # No agenda item holds both words: from the next step that does.
    step = meetings["june"].next_steps.get()
    assert "إعداد <mark>دليل</mark> <mark>المرتفق</mark>" in page
    assert f'<a href="{minutes}#step-{step.order}">' in page
    # The places the links land on.
    page = client.get(minutes).content.decode()
    assert f'id="agenda-{item.order}"' in page
    assert f'id="step-{step.order}"' in page
    page = client.get(reverse("commitments:search"), {"q": "العروض"}).content.decode()
    # Found in a status row only: its link says where, no excerpt.
    assert "search-excerpt" not in page


def test_search_minutes_takes_like_wildcards_as_they_are_typed(meetings):
    make_next_step(meetings["march"], "بلوغ 100% من الأهداف")
    make_agenda_item(meetings["june"], "ab_cd")

    assert found("100%", meetings) == ["march"]
    assert found("ab_", meetings) == ["june"]
    assert found("a_", meetings) == []
    assert found("b%", meetings) == []
