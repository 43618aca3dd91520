"""The June 2020 execution committee minutes, read back from the database."""

import datetime

from meetings.models import Meeting


def june_2020_meeting():
    return Meeting.objects.select_related("committee__plan").get(date=datetime.date(2020, 6, 17))


def test_seed_june_2020_meeting_is_the_first_plans_remote_execution_committee(seed_data):
    meeting = june_2020_meeting()

    assert (
        meeting.committee.kind,
        meeting.committee.plan.number,
        meeting.start_time,
        meeting.format,
        meeting.status,
    ) == ("execution", 1, datetime.time(14, 0), "remote", "published")


def test_seed_june_2020_has_9_participants_with_their_commitments(seed_data):
    participants = june_2020_meeting().participants.prefetch_related("commitments")

    in_charge = [(p.name, [c.number for c in p.commitments.all()]) for p in participants]

    assert in_charge == [
        ("حاتم مورادي", [1, 2, 8]),
        ("هدى بويهي", [3]),
        ("نور الدين لصفير", [4]),
        ("سعيدة بوروس", [5]),
        ("وئام المستمد", [6]),
        ("إكرام حبي", [10]),
        ("بسمة ملوك", [11]),
        ("هجر بنعامر", [12]),
        ("سلمى المودني", [17]),
    ]


def test_seed_june_2020_roles_and_honorifics_follow_the_minutes(seed_data):
    participants = june_2020_meeting().participants.all()

    roles = [(p.honorific, p.role) for p in participants]

    assert roles == [
        ("mr", "project_lead"),
        ("ms", "project_lead"),
        ("mr", "project_lead"),
        ("ms", "project_lead"),
        ("ms", "project_lead"),
        ("ms", "project_lead"),
        ("ms", "deputy_project_lead"),
        ("ms", "project_lead"),
        ("ms", "project_lead"),
    ]
    assert participants[6].function == "نائبة رئيسة المشروع المكلفة بالالتزام 11"


def test_seed_june_2020_has_its_two_agenda_items(seed_data):
    titles = list(june_2020_meeting().agenda_items.values_list("order", "title_ar"))

    assert [order for order, _ in titles] == [1, 2]
    assert titles[0][1] == "تقدم إنجاز مختلف الأنشطة المتعلقة بالالتزامات الثمانية عشر"
    assert titles[1][1].startswith("البرمجة الجديدة للأنشطة المتبقية بعد قرار تمديد")
