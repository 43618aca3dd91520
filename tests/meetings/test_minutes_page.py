"""The public minutes page and the list of meetings."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus, PlatformStatus, ReportStatus
from meetings.enums import Honorific, MeetingFormat, NextStepStatus
from tests.factories import (
    make_agenda_item,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_participant,
    make_plan,
    make_report,
)
from tests.text import BIDI_CONTROLS, readable

pytestmark = pytest.mark.django_db


def page_text(response):
    return BIDI_CONTROLS.sub("", response.content.decode())


def minutes_url(meeting, language="ar"):
    with override(language):
        return reverse("meetings:minutes", args=[meeting.pk])


@pytest.fixture
def meeting():
    plan = make_plan(number=1, title="خطة العمل الوطنية الأولى 2018-2020")
    meeting = make_meeting(
        committee=make_committee(plan=plan, name="لجنة التنفيذ"),
        sequence=2,
        date=datetime.date(2020, 6, 17),
        start_time=datetime.time(14, 0),
        format=MeetingFormat.REMOTE,
        place="اجتماع عن بعد عبر تقنية vidéo-conférence",
    )
    archives = make_commitment(plan=plan, number=3, title="تدبير الأرشيف العمومي")
    make_participant(
        meeting,
        "هدى بويهي",
        honorific=Honorific.MS,
        function="رئيسة المشروع المكلفة بالالتزام 3",
        group="رؤساء المشاريع",
        order=1,
    ).commitments.add(archives)
    make_report(
        archives,
        percent=65,
        meeting=meeting,
        narrative="النشاط 1: إعادة هيكلة تدبير الأرشيف",
        platform_status=PlatformStatus.YES,
        schedule="تنفيذ مخطط التكوين خلال شهر أكتوبر-نونبر 2020",
    )
    make_agenda_item(meeting, "تقدم إنجاز مختلف الأنشطة", order=1, bullets="نقطة أولى\nنقطة ثانية")
    return meeting


def test_minutes_page_arabic_is_right_to_left(client, meeting):
    response = client.get(minutes_url(meeting))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content


def test_minutes_page_shows_the_june_2020_wording(client, meeting):
    content = page_text(client.get(minutes_url(meeting)))

    assert "محضر الاجتماع الثاني للجنة التنفيذ" in content
    assert "الأربعاء 17 يونيو 2020 (على الساعة الثانية بعد الزوال)" in content
    assert "تنفيذ الالتزام بنسبة 65 %" in content
    assert "السيدة هدى بويهي، رئيسة المشروع المكلفة بالالتزام 3</li>" in content
    assert "أكتوبر-نونبر 2020" in content
    assert '<li dir="auto">نقطة ثانية</li>' in content


def test_minutes_page_french_is_left_to_right_with_arabic_fallback(client, meeting):
    commitment = meeting.reports.get().commitment
    commitment.title_fr = "Gestion des archives publiques"
    commitment.save()

    content = page_text(client.get(minutes_url(meeting, "fr")))

    assert '<html lang="fr" dir="ltr">' in content
    assert "Gestion des archives publiques" in content
    assert "Engagement mis en œuvre à 65 %" in content
    # No French narrative was typed: the Arabic one stands in.
    assert "النشاط 1: إعادة هيكلة تدبير الأرشيف" in content
    assert "mercredi 17 juin 2020" in content


def main_menu(response):
    return re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S).group()


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_minutes_page_has_the_main_menu_of_every_page(client, meeting, language):
    with override(language):
        home = client.get(reverse("commitments:home"))

    menu = main_menu(client.get(minutes_url(meeting, language)))

    assert menu == main_menu(home)
    with override(language):
        for name in ["home", "open_data", "search"]:
            assert f'href="{reverse(f"commitments:{name}")}"' in menu


def test_minutes_page_escapes_a_script_in_the_narrative(client, meeting):
    meeting.reports.update(narrative_ar="<script>alert(1)</script>")

    content = page_text(client.get(minutes_url(meeting)))

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_minutes_page_draft_meeting_is_404_for_anonymous(client, meeting):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    response = client.get(minutes_url(meeting))

    assert response.status_code == 404


def test_minutes_page_draft_meeting_is_404_for_a_project_lead(client, meeting, owning_lead):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    client.force_login(owning_lead)

    response = client.get(minutes_url(meeting))

    assert response.status_code == 404


def test_minutes_page_secretariat_previews_a_draft_with_draft_rows(client, meeting, secretariat):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()
    meeting.reports.update(status=ReportStatus.DRAFT, percent=70)
    client.force_login(secretariat)

    content = page_text(client.get(minutes_url(meeting)))

    assert "تنفيذ الالتزام بنسبة 70 %" in content
    assert "مسودة: غير منشور" in content


def test_minutes_page_hides_unpublished_reports_from_the_public(client, meeting):
    make_report(
        make_commitment(plan=meeting.committee.plan, number=4),
        percent=12,
        meeting=meeting,
        status=ReportStatus.SUBMITTED,
    )

    content = page_text(client.get(minutes_url(meeting)))

    assert content.count("تنفيذ الالتزام بنسبة") == 1


def test_minutes_page_unknown_meeting_is_404(client, db):
    response = client.get(reverse("meetings:minutes", args=[999999]))

    assert response.status_code == 404


def test_minutes_page_lists_next_steps_still_open_from_earlier_meetings(client, meeting):
    earlier = make_meeting(committee=meeting.committee, date=datetime.date(2020, 2, 3))
    make_next_step(earlier, "إعداد دليل لجنة الإشراف")
    make_next_step(earlier, "نشر التقرير", status=NextStepStatus.DONE, closed_at=meeting)
    make_next_step(earlier, "تنظيم لقاء جهوي", status=NextStepStatus.DONE)
    draft = make_meeting(
        committee=meeting.committee, date=datetime.date(2020, 3, 3), status=MeetingStatus.DRAFT
    )
    make_next_step(draft, "قرار في مسودة")
    later = make_meeting(committee=meeting.committee, date=datetime.date(2020, 9, 1))
    make_next_step(later, "قرار لاحق")
    make_next_step(meeting, "قرار هذا الاجتماع")
    other_committee = make_meeting(date=datetime.date(2020, 1, 1))
    make_next_step(other_committee, "قرار لجنة أخرى")

    response = client.get(minutes_url(meeting))

    open_texts = [step.text for step in response.context["open_steps"]]
    assert open_texts == ["إعداد دليل لجنة الإشراف"]


def test_minutes_page_keeps_a_next_step_closed_later_open_in_earlier_minutes(client, meeting):
    earlier = make_meeting(committee=meeting.committee, date=datetime.date(2020, 2, 3))
    later = make_meeting(committee=meeting.committee, date=datetime.date(2020, 9, 1))
    make_next_step(earlier, "نشر الدليل", status=NextStepStatus.DONE, closed_at=later)

    response = client.get(minutes_url(meeting))

    assert [step.text for step in response.context["open_steps"]] == ["نشر الدليل"]


def add_rows(meeting, count):
    plan = meeting.committee.plan
    for number in range(10, 10 + count):
        commitment = make_commitment(plan=plan, number=number)
        make_participant(meeting, f"مشارك {number}", group=f"فئة {number % 3}").commitments.add(
            commitment
        )
        make_report(commitment, meeting=meeting, percent=number)
        make_agenda_item(meeting, f"نقطة {number}", order=number)
        make_next_step(meeting, f"قرار {number}", order=number)


@pytest.mark.parametrize("rows", [1, 12])
def test_minutes_page_query_count_is_fixed(client, meeting, django_assert_num_queries, rows):
    add_rows(meeting, rows)

    # meeting, participants, their commitments, agenda, reports, plan figures,
    # next steps, open next steps of earlier meetings.
    with django_assert_num_queries(8):
        response = client.get(minutes_url(meeting))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_meeting_list_query_count_is_fixed(client, meeting, django_assert_num_queries, count):
    for day in range(1, count + 1):
        make_meeting(committee=make_committee(name=f"لجنة {day}"), date=datetime.date(2021, 1, day))

    # The count for the pages, then the page's meetings.
    with django_assert_num_queries(2):
        response = client.get(reverse("meetings:meeting_list"))

    assert response.status_code == 200


def test_meeting_list_shows_fifty_meetings_a_page(client, meeting):
    committee = meeting.committee
    for day in range(60):
        make_meeting(committee=committee, date=datetime.date(2019, 1, 1) + datetime.timedelta(day))

    first = client.get(reverse("meetings:meeting_list"))
    second = client.get(reverse("meetings:meeting_list"), {"page": 2})
    beyond = client.get(reverse("meetings:meeting_list"), {"page": 9})

    assert [len(first.context["meetings"]), len(second.context["meetings"])] == [50, 11]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert 'rel="prev" href="?page=1"' in second.content.decode()
    assert "الصفحة 2 من 2" in readable(second.content.decode())
    # Past the last page: not the last page again under another address.
    assert beyond.status_code == 400


def test_meeting_list_newest_first_per_committee(client, meeting):
    committee = meeting.committee
    march = make_meeting(committee=committee, date=datetime.date(2020, 3, 5))
    october = make_meeting(committee=committee, date=datetime.date(2020, 10, 20))
    make_meeting(committee=committee, date=datetime.date(2020, 11, 1), status=MeetingStatus.DRAFT)

    response = client.get(reverse("meetings:meeting_list"))

    assert list(response.context["meetings"]) == [october, meeting, march]


def test_meeting_list_groups_newest_plan_first(client, meeting):
    nap3 = make_plan(number=3, title="الخطة الوطنية الثالثة")
    steering = make_meeting(
        committee=make_committee(plan=nap3, name="لجنة الإشراف"), date=datetime.date(2025, 3, 18)
    )

    response = client.get(reverse("meetings:meeting_list"))

    assert list(response.context["meetings"]) == [steering, meeting]
    link = f'href="{reverse("meetings:minutes", args=[meeting.pk])}"'
    assert response.content.decode().count(link) == 1


def test_minutes_page_does_not_restate_a_typed_title_or_place(client, meeting):
    meeting.title = "تقرير اجتماع لجنة التنفيذ"
    meeting.place = "عن بعد"
    meeting.save()

    response = client.get(minutes_url(meeting))

    assert (response.context["subtitle"], response.context["place"]) == ("", "")


def test_minutes_page_shows_a_typed_title_that_adds_to_the_heading(client, meeting):
    meeting.title = "اجتماع استثنائي"
    meeting.save()

    response = client.get(minutes_url(meeting))

    assert response.context["subtitle"] == "اجتماع استثنائي"


def test_meeting_list_shows_drafts_to_the_secretariat_only(client, meeting, secretariat):
    draft = make_meeting(
        committee=meeting.committee, date=datetime.date(2020, 9, 1), status=MeetingStatus.DRAFT
    )
    public = list(client.get(reverse("meetings:meeting_list")).context["meetings"])
    client.force_login(secretariat)

    internal = list(client.get(reverse("meetings:meeting_list")).context["meetings"])

    assert (public, internal) == ([meeting], [draft, meeting])


def test_meeting_list_names_the_meeting_with_an_arabic_ordinal(client, meeting):
    content = client.get(reverse("meetings:meeting_list")).content.decode()

    assert "— الاجتماع الثاني</span>" in content
