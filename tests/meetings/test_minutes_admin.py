"""The secretariat's side of the minutes: buttons, status table inline, copying a table."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from commitments.enums import MeetingStatus, PlatformStatus, ReportStatus
from meetings.enums import Honorific
from meetings.models import Meeting
from tests.factories import (
    make_commitment,
    make_committee,
    make_meeting,
    make_participant,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return make_meeting(committee=make_committee(), sequence=2, date=datetime.date(2020, 6, 17))


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def test_meeting_change_form_has_preview_and_pdf_buttons(client, secretariat, meeting):
    client.force_login(secretariat)

    content = client.get(change_url(meeting)).content.decode()

    assert f'href="{reverse("meetings:minutes", args=[meeting.pk])}"' in content
    assert f'href="{reverse("meetings:minutes_pdf", args=[meeting.pk])}"' in content
    assert "معاينة المحضر" in content
    assert "تحميل بصيغة PDF" in content


def test_meeting_change_form_lists_the_status_table_by_commitment_number(
    client, secretariat, meeting
):
    plan = make_plan()
    make_report(make_commitment(plan=plan, number=7), meeting=meeting, percent=70)
    make_report(make_commitment(plan=plan, number=2), meeting=meeting, percent=20)
    client.force_login(secretariat)

    response = client.get(change_url(meeting))

    formset = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.model.__name__ == "ProgressReport"
    )
    assert [form.instance.percent for form in formset.formset.forms] == [20, 70]


NEW_DATE = datetime.date(2020, 9, 15)


def copy_from(client, meeting, date=NEW_DATE, *, apply=True):
    """The copy action; with `apply`, as confirmed on its page with `date`."""
    data = {"action": "prepare_next_meeting", "_selected_action": [meeting.pk]}
    if apply:
        data |= {"apply": "1", "date": str(date)}
    return client.post(reverse("admin:meetings_meeting_changelist"), data)


def test_copy_status_table_creates_a_draft_meeting_with_draft_rows(client, secretariat, meeting):
    commitment = make_commitment(number=3)
    make_report(
        commitment,
        meeting=meeting,
        percent=65,
        narrative_ar="النشاط 1",
        narrative_fr="Activité 1",
        platform_status=PlatformStatus.YES,
        schedule_ar="أكتوبر-نونبر 2020",
        no_progress=True,
    )
    client.force_login(secretariat)

    response = copy_from(client, meeting)

    new = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response.status_code == 302
    assert response["Location"] == change_url(new)
    assert (new.committee, new.sequence, new.date, new.status) == (
        meeting.committee,
        3,
        NEW_DATE,
        MeetingStatus.DRAFT,
    )
    copy = new.reports.get()
    assert (copy.commitment, copy.percent, copy.status, copy.date, copy.author) == (
        commitment,
        65,
        ReportStatus.DRAFT,
        NEW_DATE,
        secretariat,
    )
    assert (copy.narrative_ar, copy.narrative_fr, copy.schedule_ar) == (
        "النشاط 1",
        "Activité 1",
        "أكتوبر-نونبر 2020",
    )
    assert (copy.platform_status, copy.no_progress) == (PlatformStatus.YES, True)
    assert meeting.reports.get().status == ReportStatus.PUBLISHED


def test_copy_status_table_copies_the_participants_with_their_commitments(
    client, secretariat, meeting
):
    archives = make_commitment(number=3)
    lead = make_participant(
        meeting,
        "هدى بويهي",
        honorific=Honorific.MS,
        function="رئيسة المشروع",
        function_fr="Cheffe de projet",
        order=2,
        user=secretariat,
    )
    lead.commitments.add(archives)
    make_participant(meeting, "ممثل المجتمع المدني", group="المجتمع المدني", order=1)
    client.force_login(secretariat)

    response = copy_from(client, meeting)

    new = Meeting.objects.exclude(pk=meeting.pk).get()

    def rows(meeting):
        return [
            (p.order, p.name, p.group_ar, p.honorific, p.function_ar, p.function_fr, p.user)
            for p in meeting.participants.all()
        ]

    assert rows(new) == rows(meeting)
    assert rows(new)[1] == (
        2,
        "هدى بويهي",
        None,
        Honorific.MS,
        "رئيسة المشروع",
        "Cheffe de projet",
        secretariat,
    )
    assert list(new.participants.get(order=2).commitments.all()) == [archives]
    assert meeting.participants.count() == 2
    (message,) = [str(message) for message in get_messages(response.wsgi_request)]
    assert "المشاركين (2)" in message


def test_copy_status_table_refuses_several_meetings(client, secretariat, meeting):
    other = make_meeting(date=datetime.date(2020, 9, 1))
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "prepare_next_meeting", "_selected_action": [meeting.pk, other.pk]},
        follow=True,
    )

    assert Meeting.objects.count() == 2
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "اختر اجتماعا واحدا فقط للنسخ منه."
    ]


def test_copy_status_table_twice_the_same_day_is_refused(client, secretariat, meeting):
    client.force_login(secretariat)
    copy_from(client, meeting)

    response = copy_from(client, meeting)

    assert response.status_code == 200
    assert Meeting.objects.count() == 2
    assert response.context["form"].errors == {
        "date": ["لهذه اللجنة اجتماع بهذا الرقم في هذا التاريخ."]
    }


def test_copy_status_table_first_asks_for_the_new_meeting_date(client, secretariat, meeting):
    make_report(make_commitment(number=3), meeting=meeting, percent=65)
    make_participant(meeting, "هدى بويهي", order=1)
    make_participant(meeting, "ممثل المجتمع المدني", order=2)
    client.force_login(secretariat)

    response = copy_from(client, meeting, apply=False)

    assert response.status_code == 200
    assert Meeting.objects.count() == 1
    content = response.content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in content
    assert 'min="2020-06-18"' in content
    assert "17 يونيو 2020" in content
    assert "مشاركان (2)" in content
    assert "سطر واحد (1) من جدول الوضعية" in content
    assert f'name="_selected_action" value="{meeting.pk}"' in content


@pytest.mark.parametrize(
    ("date", "error"),
    [
        ("2020-06-17", "يجب أن يأتي الاجتماع الجديد بعد الاجتماع المنسوخ منه (17 يونيو 2020)."),
        ("2020-05-01", "يجب أن يأتي الاجتماع الجديد بعد الاجتماع المنسوخ منه (17 يونيو 2020)."),
        ("2020-13-40", "أدخل تاريخاً صحيحاً."),
        ("", "هذا الحقل مطلوب."),
    ],
)
def test_copy_status_table_refuses_a_date_not_after_the_copied_meeting(
    client, secretariat, meeting, date, error
):
    make_report(make_commitment(number=3), meeting=meeting, percent=65)
    client.force_login(secretariat)

    response = copy_from(client, meeting, date)

    assert response.status_code == 200
    assert response.context["form"].errors == {"date": [error]}
    assert Meeting.objects.count() == 1
    assert meeting.reports.count() == 1
