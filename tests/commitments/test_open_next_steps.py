"""A plan's dashboard lists its committees' next steps still open, soonest due first."""

import datetime
import re

import pytest
from django.urls import reverse

from commitments.enums import MeetingStatus
from meetings.enums import CommitteeKind, NextStepStatus
from tests.factories import make_committee, make_meeting, make_next_step, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)


def open_next_steps(client, number=3):
    page = client.get(reverse("commitments:plan_dashboard", args=[number])).content.decode()
    section = re.search(r'<ul class="open-steps">(.*?)</ul>', page, re.S)
    if section is None:
        return None
    return [
        " ".join(re.sub(r"<[^>]+>", "", item).split())
        for item in re.findall(r"<li>(.*?)</li>", section[1], re.S)
    ]


def test_open_next_steps_of_published_minutes_soonest_due_first(client):
    plan = make_plan(3)
    execution = make_committee(plan=plan)
    steering = make_committee(plan=plan, kind=CommitteeKind.STEERING)
    march = make_meeting(steering, date=datetime.date(2025, 3, 18))
    june = make_meeting(execution, date=datetime.date(2024, 6, 17))
    make_next_step(march, "اعتماد دليل لجنة الإشراف", due_date=datetime.date(2025, 6, 30))
    make_next_step(
        june, "إعداد دليل المرتفق", owner="وزارة العدل", due_date=datetime.date(2025, 3, 1)
    )
    make_next_step(march, "برمجة ورشات موضوعاتية")
    # Not listed: done or dropped, from a draft, from another plan.
    make_next_step(march, "تم إنجازه", status=NextStepStatus.DONE)
    make_next_step(march, "تم التخلي عنه", status=NextStepStatus.DROPPED)
    draft = make_meeting(execution, date=datetime.date(2025, 5, 6), status=MeetingStatus.DRAFT)
    make_next_step(draft, "قرار لم ينشر")
    make_next_step(make_meeting(make_committee(plan=make_plan(2))), "قرار خطة أخرى")

    assert open_next_steps(client) == [
        "إعداد دليل المرتفق (وزارة العدل، قبل 1 مارس 2025، تقرر في اجتماع 17 يونيو 2024)"
        " تجاوزت أجلها",
        "اعتماد دليل لجنة الإشراف (قبل 30 يونيو 2025، تقرر في اجتماع 18 مارس 2025)",
        "برمجة ورشات موضوعاتية (تقرر في اجتماع 18 مارس 2025)",
    ]


def test_each_next_step_links_to_its_place_in_the_minutes(client):
    meeting = make_meeting(make_committee(plan=make_plan(3)), date=datetime.date(2025, 3, 18))
    step = make_next_step(meeting, "برمجة ورشات موضوعاتية")

    page = client.get(reverse("commitments:plan_dashboard", args=[3])).content.decode()

    assert f'href="{reverse("meetings:minutes", args=[meeting.pk])}#step-{step.order}"' in page


def test_ten_next_steps_are_listed_then_how_many_more(client):
    meeting = make_meeting(make_committee(plan=make_plan(3)), date=datetime.date(2025, 3, 18))
    for day in range(1, 13):
        make_next_step(meeting, f"القرار {day}", due_date=datetime.date(2025, 5, day))

    page = client.get(reverse("commitments:plan_dashboard", args=[3])).content.decode()

    assert len(open_next_steps(client)) == 10
    assert "القرار 10" in page and "القرار 11" not in page
    assert "ومرحلتان قادمتان أخريان مفتوحتان بأجلين لاحقين." in page


def test_a_plan_without_open_next_steps_has_no_such_section(client):
    make_meeting(make_committee(plan=make_plan(3)))

    assert open_next_steps(client) is None
