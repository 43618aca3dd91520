"""The meeting workspace: the status table as one grid, participants from the
committee's members, agenda and next steps, saved through the reporting cycle."""

import datetime

import pytest
from django.urls import reverse

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ProgressReport
from meetings import cycle
from meetings.enums import Attendance
from meetings.models import Meeting, Membership
from tests.factories import make_commitment, make_committee, make_meeting, make_plan, make_report

OCTOBER = datetime.date(2020, 10, 20)


def url(meeting):
    return reverse("admin:meetings_meeting_workspace", args=[meeting.pk])


def draft_after(commitments_count, secretariat):
    """A published meeting of `commitments_count` rows and a member, and the draft after it."""
    plan = make_plan()
    committee = make_committee(plan=plan)
    june = make_meeting(committee)
    for number in range(1, commitments_count + 1):
        make_report(make_commitment(plan=plan, number=number), meeting=june, percent=40)
    Membership.objects.create(committee=committee, name="هدى بويهي", start_date=june.date)
    meeting, _ = cycle.prepare_next_meeting(june, date=OCTOBER, user=secretariat)
    return meeting


def posted(page, **changes):
    """The page's form as the browser would post it, with `changes`."""
    data = {}
    for form in [page.context["attendance"]]:
        for name in form.fields:
            data[form.add_prefix(name)] = form.initial.get(name, "")
    for formset in (page.context["rows"], page.context["agenda"], page.context["steps"]):
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, "")
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                data[form.add_prefix(name)] = "" if value is None else value
                if field.show_hidden_initial:
                    data[form.add_initial_prefix(name)] = data[form.add_prefix(name)]
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_workspace_shows_a_row_per_commitment(client, secretariat):
    meeting = draft_after(3, secretariat)
    client.force_login(secretariat)

    page = client.get(url(meeting))

    assert (page.status_code, len(page.context["rows"].forms)) == (200, 3)
    assert [member.name for member, _ in page.context["attendance"].rows()] == ["هدى بويهي"]


@pytest.mark.parametrize("count", [1, 17])
@pytest.mark.django_db
def test_workspace_queries_do_not_grow_with_rows(
    client, secretariat, count, django_assert_num_queries
):
    meeting = draft_after(count, secretariat)
    client.force_login(secretariat)

    with django_assert_num_queries(21):
        page = client.get(url(meeting))

    assert page.status_code == 200


@pytest.mark.django_db
def test_workspace_saves_rows_attendance_and_next_steps_then_publishes(client, secretariat):
    meeting = draft_after(2, secretariat)
    client.force_login(secretariat)
    page = client.get(url(meeting))
    member = Membership.objects.get()

    response = client.post(
        url(meeting),
        posted(
            page,
            **{
                "rows-0-percent": "75",
                f"who-member_{member.pk}": Attendance.EXCUSED,
                "steps-0-order": "1",
                "steps-0-text_ar": "برمجة لقاء",
                "_publish": "1",
            },
        ),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    rows = list(meeting.reports.order_by("commitment__number").values_list("percent", "status"))
    assert rows == [(75, ReportStatus.PUBLISHED), (40, ReportStatus.PUBLISHED)]
    assert meeting.status == MeetingStatus.PUBLISHED
    assert list(meeting.participants.values_list("name", "attendance")) == [
        ("هدى بويهي", Attendance.EXCUSED)
    ]
    assert list(meeting.next_steps.values_list("text_ar", flat=True)) == ["برمجة لقاء"]


@pytest.mark.django_db
def test_workspace_with_a_wrong_field_saves_nothing_and_names_it(client, secretariat):
    meeting = draft_after(2, secretariat)
    client.force_login(secretariat)
    page = client.get(url(meeting))

    response = client.post(
        url(meeting),
        posted(
            page,
            **{
                "rows-0-percent": "150",
                "steps-0-order": "1",
                "steps-0-text_ar": "x",
                "_publish": "1",
            },
        ),
    )

    assert response.status_code == 200
    errors = response.context["rows"].forms[0].error_list()
    assert errors == ["نسبة التقدم (%): تحقق من أن تكون هذه القيمة أقل من 100 أو مساوية لها."]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.next_steps.count()) == (MeetingStatus.DRAFT, 0)
    assert sorted(meeting.reports.values_list("percent", flat=True)) == [40, 40]


@pytest.mark.django_db
def test_workspace_saves_a_row_in_place(client, secretariat):
    meeting = draft_after(2, secretariat)
    client.force_login(secretariat)
    page = client.get(url(meeting))

    response = client.post(
        url(meeting), posted(page, **{"rows-1-percent": "55"}), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert b'hx-swap-oob="true"' in response.content
    row = ProgressReport.objects.get(meeting=meeting, commitment__number=2)
    assert (row.percent, row.status) == (55, ReportStatus.DRAFT)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DRAFT
