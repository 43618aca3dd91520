"""Searching the commitments: every word, any language, Arabic spellings folded alike."""

import re

import pytest
from django.urls import reverse

from commitments.enums import ReportStatus
from commitments.models import Institution
from ogptracker.publishing.search import search_commitments, terms
from tests.factories import (
    make_activity,
    make_commitment,
    make_next_step,
    make_plan,
    make_report,
)


@pytest.fixture
def commitments(db):
    first, third = make_plan(1), make_plan(3)
    justice = Institution.objects.create(name="وزارة العدل", name_fr="Ministère de la Justice")
    found = {
        "framework": make_commitment(
            plan=first,
            number=1,
            title="اعتماد الإطار القانوني للحق في الحصول على المعلومات",
            title_fr="Adoption du cadre juridique du droit d'accès à l'information",
            ogp_id="MA0001",
        ),
        "portal": make_commitment(
            plan=third,
            number=2,
            title="بوابة المشاركة المواطنة",
            title_en="Citizen participation portal",
            description="منصة رقمية للعرائض",
        ),
        "justice": make_commitment(
            plan=third, number=5, title="عدالة منفتحة", lead_institution=justice
        ),
    }
    make_activity(
        found["justice"], number=1, title="رقمنة المحاكم", note_fr="Audiences tenues à distance"
    )
    return found


def found(query):
    return [commitment.title for commitment in search_commitments(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الاطار القانوني", ["framework"]),  # أ/إ/آ written as ا
        ("المعلومات اعتماد", ["framework"]),  # any order, every word
        ("cadre juridique", ["framework"]),
        ("PORTAL", ["portal"]),
        ("العرائض", ["portal"]),  # in the description
        ("ma0001", ["framework"]),
        ("Justice", ["justice"]),  # the lead institution, in French
        ("العدل", ["justice"]),
        ("عداله", ["justice"]),  # ة written as ه
        ("رقمنة", ["justice"]),  # an activity's title
        ("audiences distance", ["justice"]),  # an activity's note, in French
        ("عدالة المحاكم", ["justice"]),  # the commitment's title and an activity's
        ("البوابات", ["portal"]),  # a plural finds the singular
        ("المنصات الرقمية", ["portal"]),
        ("Portals", ["portal"]),
        ("بالمحاكم", ["justice"]),  # a prefixed preposition
    ],
)
def test_search_finds_first_the_commitments_holding_every_word(commitments, query, expected):
    assert found(query)[: len(expected)] == [commitments[key].title for key in expected]


@pytest.mark.parametrize("query", ["", "   ", "«»"])
def test_search_without_a_word_finds_nothing(commitments, query):
    assert found(query) == []


def test_search_ranks_by_how_many_words_a_commitment_holds(commitments):
    # The portal holds both words; the framework's lead institution, «وزارة
    # الانتقال الرقمي», only the second.
    assert found("المنصات الرقمية") == [
        commitments["portal"].title,
        commitments["framework"].title,
    ]
    # One word each: the newest plan first.
    assert found("الإطار بوابة") == [commitments["portal"].title, commitments["framework"].title]


def test_search_ranks_the_title_before_the_description_before_the_activities(db):
    plan = make_plan(1)
    in_activity = make_commitment(plan=plan, number=1, title="التزام أول")
    make_activity(in_activity, title="تعميم الشفافية")
    in_description = make_commitment(plan=plan, number=2, description="الشفافية المالية")
    in_title = make_commitment(plan=plan, number=3, title="الشفافية الجبائية")

    assert found("الشفافية") == [in_title.title, in_description.title, in_activity.title]


def test_search_ignores_stop_words(db):
    """«الولوج إلى المعلومات» found nothing: «إلى» had to match too."""
    plan = make_plan(1)
    access = make_commitment(plan=plan, number=1, title="تعزيز الولوج إلى المعلومات")
    make_commitment(plan=plan, number=2, title="الانتقال إلى الإدارة الرقمية")
    make_commitment(plan=plan, number=3, title="نشر المعلومات المالية")

    assert terms("الولوج إلى المعلومات") == (("ولوج",), ("معلوم",))
    assert terms("l'accès à l’information") == (("accè",), ("information",))
    assert found("الولوج إلى المعلومات") == [access.title, "نشر المعلومات المالية"]
    assert found("the access") == []
    # A query of stop words only is searched as typed.
    assert terms("في") == (("في",),)


def test_search_finds_data_under_both_its_arabic_words(db):
    """«البيانات» and Morocco's «المعطيات» (data) each find the other."""
    plan = make_plan(1)
    open_data = make_commitment(plan=plan, number=1, title="تعزيز ممارسات البيانات المفتوحة")
    statistics = make_commitment(
        plan=plan, number=2, title="النشر الاستباقي للمعلومات والمعطيات الإحصائية"
    )
    make_commitment(plan=plan, number=3, title="تبسيط المساطر الإدارية")

    assert terms("البيانات") == (("بيان", "معطي"),)
    assert found("البيانات") == [open_data.title, statistics.title]
    assert found("المعطيات المفتوحة") == [open_data.title, statistics.title]
    # A quoted phrase is found as typed, without the other word.
    assert found("«المعطيات الإحصائية»") == [statistics.title]
    assert found("«البيانات الإحصائية»") == []


def test_search_finds_a_quoted_phrase_as_a_phrase(db):
    plan = make_plan(1)
    phrase = make_commitment(plan=plan, number=1, title_fr="Droit d'accès à l'information")
    apart = make_commitment(plan=plan, number=2, title_fr="Accès des citoyens à une information")

    assert found('"accès à l\'information"') == [phrase.title]
    assert found("«accès à l'information»") == [phrase.title]
    assert found("accès information") == [phrase.title, apart.title]


def test_search_stem_never_matches_a_different_word(db):
    """«المنصة» found «المنصوص»: its stem «منص» was cut too short."""
    plan = make_plan(1)
    platform = make_commitment(plan=plan, number=1, title="منصة رقمية")
    platforms = make_commitment(plan=plan, number=2, description="تطوير المنصات")
    make_commitment(plan=plan, number=3, description="المبادئ المنصوص عليها في الدليل")

    assert found("المنصة") == [platform.title, platforms.title]
    assert found("المنصات") == [platform.title, platforms.title]


def test_search_lists_the_newest_plan_first(commitments):
    assert found("ال") == [
        commitments["portal"].title,
        commitments["justice"].title,
        commitments["framework"].title,
    ]


def test_search_page_shows_published_progress_only(client, commitments):
    make_report(commitments["portal"], percent=40)
    make_report(commitments["portal"], percent=90, status=ReportStatus.SUBMITTED)

    page = client.get(reverse("commitments:search"), {"q": "بوابة"}).content.decode()

    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "2. بوابة المشاركة المواطنة" in text
    assert "40 %" in text
    assert "90 %" not in text


def test_search_page_points_to_the_activities_that_hold_the_words(client, commitments):
    page = client.get(reverse("commitments:search"), {"q": "رقمنة المحاكم"}).content.decode()

    url = reverse("commitments:commitment_detail", args=[3, 5])
    assert f'href="{url}#activity-1"' in page
    assert "في الأنشطة:" in page
    # Found in the commitment's own title: no activity to point to.
    page = client.get(reverse("commitments:search"), {"q": "عدالة"}).content.decode()
    assert "في الأنشطة:" not in page


def test_commitment_page_activities_carry_the_anchor_search_points_to(client, commitments):
    url = reverse("commitments:commitment_detail", args=[3, 5])

    assert '<tr id="activity-1">' in client.get(url).content.decode()


def test_search_page_without_a_query_shows_the_form_only(client, commitments):
    response = client.get(reverse("commitments:search"))

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert 'name="q"' in response.content.decode()
    assert "search-results" not in response.content.decode()


def test_search_result_pages_keep_the_query(client, db):
    plan = make_plan(1)
    for number in range(1, 13):
        make_commitment(plan=plan, number=number, title=f"التزام رقم {number}")

    response = client.get(reverse("commitments:search"), {"q": "التزام", "page": "2"})

    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 2
    assert 'href="?q=%D8%A7%D9%84%D8%AA%D8%B2%D8%A7%D9%85&amp;page=1"' in response.content.decode()


def test_search_page_past_the_last_is_a_bad_request(client, db):
    plan = make_plan(1)
    for number in range(1, 13):
        make_commitment(plan=plan, number=number, title=f"التزام رقم {number}")

    last = client.get(reverse("commitments:search"), {"q": "التزام", "page": "2"})
    past = client.get(reverse("commitments:search"), {"q": "التزام", "page": "9"})

    assert [commitment.number for commitment in last.context["page"]] == [11, 12]
    assert past.status_code == 400


def test_search_page_counts_every_commitment_found_not_only_the_page(client, db):
    plan = make_plan(1)
    for number in range(1, 23):
        make_commitment(plan=plan, number=number, title=f"التزام رقم {number}")

    response = client.get(reverse("commitments:search"), {"q": "التزام"})

    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list), page.has_next()) == (22, 10, True)
    assert [commitment.number for commitment in page][:3] == [1, 2, 3]


def test_home_and_every_page_header_lead_to_the_search(client, db):
    home = client.get(reverse("commitments:home")).content.decode()

    assert f'action="{reverse("commitments:search")}"' in home
    assert f'href="{reverse("commitments:search")}"' in home


def test_search_page_marks_the_words_and_shows_where_the_description_holds_them(
    client, commitments
):
    page = client.get(reverse("commitments:search"), {"q": "المنصات"}).content.decode()

    assert '<p class="search-excerpt"><bdi><mark>منصة</mark> رقمية للعرائض</bdi></p>' in page
    page = client.get(reverse("commitments:search"), {"q": "رقمنة"}).content.decode()
    assert "<bdi><mark>رقمنة</mark> المحاكم</bdi>" in page  # an activity's title
    assert "search-excerpt" not in page  # the description does not hold it
    page = client.get(reverse("commitments:search"), {"q": "بوابة"}).content.decode()
    assert "<bdi><mark>بوابة</mark> المشاركة المواطنة</bdi>" in page  # the title
    page = client.get(reverse("commitments:search"), {"q": "العدل"}).content.decode()
    assert "<bdi>وزارة <mark>العدل</mark></bdi>" in page  # the lead institution


def test_search_page_isolates_the_query_in_its_lines(client, commitments):
    """A Latin query keeps its place in the Arabic lines: «لـ«5 :«transparence.» was read."""
    make_commitment(plan=commitments["portal"].plan, number=7, title_fr="Transparence budgétaire")
    make_next_step(text="Transparence des marchés publics")

    page = client.get(reverse("commitments:search"), {"q": "transparence"}).content.decode()

    assert "عدد الالتزامات المطابقة لـ«<bdi>transparence</bdi>»: 1." in page
    assert "<h2>محاضر تذكر «<bdi>transparence</bdi>»</h2>" in page
    assert "<title>«\u2068transparence\u2069» — بحث — " in page
    assert 'name="q" value="transparence" dir="auto"' in page


def test_search_page_escapes_the_query_it_isolates(client, commitments):
    page = client.get(reverse("commitments:search"), {"q": "<b>x</b>"}).content.decode()

    assert "لـ«<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>»: 0." in page
    assert "<b>x</b>" not in page


def test_search_takes_like_wildcards_as_they_are_typed(db):
    # The searches' SQL asks `LIKE`: «%» and «_» are the characters, not any text.
    plan = make_plan(1)
    full = make_commitment(plan=plan, number=1, title="إنجاز 100% من الأنشطة")
    make_commitment(plan=plan, number=2, title="إنجاز 100 نشاط")
    make_commitment(plan=plan, number=3, title="ab_cd")

    assert found("100%") == [full.title]
    assert found("ab_") == ["ab_cd"]
    assert found("a_") == []
    assert found("b%") == []
    assert found("%") == [full.title]


def test_a_latin_word_is_found_where_a_word_begins_and_an_arabic_one_anywhere(db):
    plan = make_plan(1)
    make_commitment(plan=plan, number=1, title="إعلام", title_fr="Programme d'information")
    make_commitment(plan=plan, number=2, title="بالتكوين", title_fr="Plan de formation")

    assert found("formation") == ["بالتكوين"]  # not «information»
    assert found("information") == found("info") == ["إعلام"]
    assert found("التكوين") == found("تكوين") == ["بالتكوين"]
