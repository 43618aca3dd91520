"""Publishing a meeting, in the admin or by the cycle's step, publishes the status table its
minutes print."""

import datetime

import pytest
from django.urls import reverse

from commitments.enums import MeetingStatus, ReportStatus
from meetings import cycle
from tests.factories import make_commitment, make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_meeting():
    return make_meeting(
        committee=make_committee(), date=datetime.date(2020, 11, 5), status=MeetingStatus.DRAFT
    )


def posted_values(form):
    """What the browser sends back for a form left as displayed."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = str(value)
    return data


def change_form_as_displayed(response):
    data = posted_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(posted_values(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(posted_values(form))
    return data


def test_publishing_a_meeting_in_the_admin_publishes_its_draft_status_rows(
    client, secretariat, draft_meeting
):
    copied = make_report(meeting=draft_meeting, percent=72, status=ReportStatus.DRAFT)
    url = reverse("admin:meetings_meeting_change", args=[draft_meeting.pk])
    client.force_login(secretariat)
    data = change_form_as_displayed(client.get(url))

    response = client.post(url, data | {"status": MeetingStatus.PUBLISHED, "_continue": "1"})

    copied.refresh_from_db()
    draft_meeting.refresh_from_db()
    assert response.status_code == 302
    assert draft_meeting.status == MeetingStatus.PUBLISHED
    assert draft_meeting.history.first().history_change_reason == "Minutes published"
    assert (copied.status, copied.percent) == (ReportStatus.PUBLISHED, 72)
    assert copied.published_at is not None
    assert copied.history.first().history_change_reason == "Published with the meeting's minutes"
    assert copied.history.first().history_user == secretariat


def test_saving_a_draft_meeting_keeps_its_status_rows_drafts(client, secretariat, draft_meeting):
    copied = make_report(meeting=draft_meeting, percent=72, status=ReportStatus.DRAFT)
    url = reverse("admin:meetings_meeting_change", args=[draft_meeting.pk])
    client.force_login(secretariat)
    data = change_form_as_displayed(client.get(url))

    response = client.post(url, data | {"_continue": "1"})

    copied.refresh_from_db()
    assert response.status_code == 302
    assert copied.status == ReportStatus.DRAFT


def test_publish_meeting_publishes_its_draft_rows_once_and_refuses_a_second_time(
    secretariat, draft_meeting
):
    commitment = make_commitment()
    make_report(commitment, meeting=draft_meeting, status=ReportStatus.DRAFT)

    published = cycle.publish_meeting(draft_meeting, secretariat)
    with pytest.raises(cycle.Refused):
        cycle.publish_meeting(draft_meeting, secretariat)

    assert len(published) == 1
    assert list(draft_meeting.reports.values_list("status", flat=True)) == [ReportStatus.PUBLISHED]
