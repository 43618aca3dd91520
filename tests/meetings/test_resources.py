"""Meetings' spreadsheets: participants, agenda items and next steps by natural keys."""

import datetime

import pytest
import tablib

from meetings.enums import CommitteeKind
from meetings.models import NextStep, Participant
from ogptracker.spreadsheets.meeting_resources import NextStepResource, ParticipantResource
from tests.factories import make_commitment, make_committee, make_meeting, make_plan, make_user

NO_MEETING = "لا يوجد أي اجتماع عقدته لجنة التنفيذ الخاصة بخطة العمل 1 بتاريخ"


def load(text):
    return tablib.Dataset().load(text, format="csv")


@pytest.fixture
def june_meeting(db):
    plan = make_plan(1)
    committee = make_committee(plan=plan, kind=CommitteeKind.EXECUTION)
    for number in (1, 2, 8):
        make_commitment(plan=plan, number=number)
    return make_meeting(committee, date=datetime.date(2020, 6, 17))


def test_participants_import_links_commitments_and_user_by_natural_keys(june_meeting):
    lead = make_user("h.mouradi")
    text = (
        "اللجنة,رقم خطة العمل,تاريخ الاجتماع,الترتيب,اللقب,الاسم,الدور,"
        "الالتزامات المكلف بها (الأرقام),حساب المستخدم (اسم المستخدم)\n"
        'لجنة التنفيذ,1,17/06/2020,1,mr,حاتم مورادي,project_lead,"1، 2، 8",h.mouradi\n'
    )

    result = ParticipantResource().import_data(load(text), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    participant = Participant.objects.get()
    assert (participant.meeting, participant.user, participant.role) == (
        june_meeting,
        lead,
        "project_lead",
    )
    assert sorted(participant.commitments.values_list("number", flat=True)) == [1, 2, 8]


def test_participants_export_then_import_changes_nothing(june_meeting):
    participant = june_meeting.participants.create(name="هدى بويهي", order=2)
    participant.commitments.set(june_meeting.committee.plan.commitments.filter(number=2))
    exported = ParticipantResource(labels=True).export().csv

    result = ParticipantResource().import_data(load(exported), dry_run=False)

    assert [row.import_type for row in result.rows] == ["skip"]
    assert participant.history.count() == 1


def test_next_steps_import_reports_an_unknown_meeting_and_an_unknown_closing_meeting(
    june_meeting,
):
    text = (
        "committee,plan,meeting,order,text_ar,closed_at\n"
        "execution,1,2020-06-18,1,برمجة لقاء,\n"
        "execution,1,2020-06-17,2,برمجة لقاء,2021-01-01\n"
    )

    result = NextStepResource().import_data(load(text), dry_run=False)

    assert [(row.number, row.error.message_dict) for row in result.invalid_rows] == [
        (1, {"meeting": [f"{NO_MEETING} 2020-06-18."]}),
        (2, {"closed_at": [f"{NO_MEETING} 2021-01-01."]}),
    ]
    assert NextStep.objects.count() == 0


@pytest.mark.parametrize("participants", [1, 20])
def test_participants_export_reads_a_fixed_number_of_queries(
    june_meeting, django_assert_num_queries, participants
):
    for order in range(participants):
        june_meeting.participants.create(name=f"مشارك {order}", order=order)

    # A count (the export pages through rows it prefetches for), the participants
    # with their meeting, committee, plan and user, and their commitments.
    with django_assert_num_queries(3):
        dataset = ParticipantResource().export()

    assert len(dataset) == participants
