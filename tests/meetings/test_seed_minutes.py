"""The June 2020 execution committee minutes, read back from the database."""

import datetime

import pytest
from django.utils import translation

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


def march_2025_meeting():
    return Meeting.objects.select_related("committee__plan").get(date=datetime.date(2025, 3, 18))


def test_seed_march_2025_is_the_second_remote_steering_committee_of_the_third_plan(seed_data):
    meeting = march_2025_meeting()

    assert (
        meeting.committee.kind,
        meeting.committee.plan.number,
        meeting.sequence,
        meeting.format,
        meeting.status,
    ) == ("steering", 3, 2, "remote", "published")


def test_seed_march_2025_has_4_agenda_items(seed_data):
    items = list(march_2025_meeting().agenda_items.all())

    assert [(i.order, i.title) for i in items] == [
        (1, "مستجدات دليل لجنة الإشراف والمصادقة عليه"),
        (2, "التصورات حول أدوار المجتمع المدني في تنزيل الخطة الوطنية الثالثة"),
        (3, "وضعية تنفيذ التزامات الخطة الوطنية الثالثة"),
        (4, "المراحل القادمة"),
    ]
    assert [len(i.bullet_list) for i in items] == [3, 4, 0, 0]


def test_seed_march_2025_discussion_is_reconstructed_from_the_damaged_extraction(seed_data):
    guide, civil_society, status, _ = march_2025_meeting().agenda_items.all()

    assert "(53 مقترحا)" in guide.body
    assert guide.bullet_list[0].startswith(
        'الإعلان عن إمكانيات التمويل التي يتيحها "صندوق تحديث الإدارة FOMAP"'
    )
    assert "قطاع الشباب" in civil_society.body
    assert "GITEX" in civil_society.bullet_list[3]
    assert "نظام الإعاقة" in status.body
    text = "".join(i.body + i.bullets for i in (guide, civil_society, status))
    broken = ("الم اللاحظات", "الرئيس ي", "شرافبلجنة", "الجتمع", "تحديد الإدارة", "الشاب ")
    assert [words for words in broken if words in text] == []


def test_seed_march_2025_participants_come_in_three_groups(seed_data):
    participants = march_2025_meeting().participants.all()

    groups = {}
    for participant in participants:
        groups.setdefault(participant.group, []).append(participant.role)

    assert {group: len(roles) for group, roles in groups.items()} == {
        "ممثلو وزارة الانتقال الرقمي وإصلاح الإدارة": 4,
        "ممثلو الإدارات بلجنة الإشراف": 10,
        "ممثلو المجتمع المدني بلجنة الإشراف": 10,
    }
    assert groups["ممثلو المجتمع المدني بلجنة الإشراف"].count("deputy_representative") == 2


def test_seed_march_2025_participant_function_and_organisation_are_split(seed_data):
    participant = march_2025_meeting().participants.get(name="مريم السطيلي")

    assert (participant.honorific, participant.function, participant.organisation) == (
        "ms",
        "إطار بمديرية التحديث ونظم المعلومات",
        "وزارة العدل",
    )


def test_seed_march_2025_next_steps_keep_the_repeated_bullet_once(seed_data):
    steps = list(march_2025_meeting().next_steps.values_list("order", "status", "text_ar"))

    assert [(order, status) for order, status, _ in steps] == [
        (1, "open"),
        (2, "open"),
        (3, "open"),
    ]
    assert steps[2][2] == "تنظيم ورشات حول المجموعات الموضوعاتية."


@pytest.mark.parametrize(
    ("language", "title"),
    [("ar", "المراحل القادمة"), ("fr", "Prochaines étapes"), ("en", "Next steps")],
)
def test_seed_march_2025_agenda_titles_read_in_each_language(seed_data, language, title):
    item = march_2025_meeting().agenda_items.get(order=4)

    with translation.override(language):
        assert item.title == title
