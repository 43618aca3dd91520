"""Every change is kept with who made it; a deleted record comes back from its history."""

import pytest
from django.urls import reverse

from commitments.models import Activity, Commitment
from meetings.models import Meeting
from tests.factories import make_activity, make_commitment, make_meeting


@pytest.mark.django_db
def test_admin_change_is_recorded_with_the_secretariat_member(client, secretariat, commitment):
    activity = make_activity(commitment, 1, title="إعداد الدليل")
    client.force_login(secretariat)
    url = reverse("admin:commitments_activity_change", args=[activity.pk])
    data = {
        "commitment": commitment.pk,
        "number": 1,
        "title_ar": "إعداد الدليل المرجعي",
        "status": activity.status,
        "commitment_version": commitment.version,
    }

    response = client.post(url, data)

    assert response.status_code == 302
    latest = activity.history.latest()
    assert (latest.history_user, latest.title_ar, latest.history_type) == (
        secretariat,
        "إعداد الدليل المرجعي",
        "~",
    )


@pytest.mark.django_db
def test_deleted_records_page_lists_what_was_deleted(client, secretariat, commitment):
    kept = make_activity(commitment, 1)
    deleted = make_activity(commitment, 2, title="نشاط محذوف")
    deleted_pk = deleted.pk
    deleted.delete()
    client.force_login(secretariat)

    response = client.get(reverse("admin:commitments_activity_deleted"))

    assert [record.id for record in response.context["records"]] == [deleted_pk]
    assert Activity.objects.get().pk == kept.pk


@pytest.mark.django_db
def test_deleted_activity_is_restored_from_its_history(client, secretariat, commitment):
    activity = make_activity(commitment, 2, title="نشاط محذوف")
    pk = activity.pk
    activity.delete()
    record = Activity.history.get(id=pk, history_type="-")
    client.force_login(secretariat)

    response = client.post(reverse("admin:commitments_activity_restore", args=[record.history_id]))

    restored = Activity.objects.get(pk=pk)
    assert response.status_code == 302
    assert (restored.title_ar, restored.commitment_id) == ("نشاط محذوف", commitment.pk)
    latest = restored.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "+",
        secretariat,
        "Restored from history",
    )


@pytest.mark.django_db
def test_deleted_meeting_is_restored_from_its_history(client, secretariat):
    meeting = make_meeting()
    pk = meeting.pk
    meeting.delete()
    record = Meeting.history.get(id=pk, history_type="-")
    client.force_login(secretariat)

    client.post(reverse("admin:meetings_meeting_restore", args=[record.history_id]))

    assert Meeting.objects.filter(pk=pk).count() == 1


@pytest.mark.django_db
def test_restoring_a_record_whose_parent_is_gone_is_refused_clearly(client, secretariat):
    parent = make_commitment()
    activity = make_activity(parent, 1)
    pk = activity.pk
    parent.delete()
    record = Activity.history.get(id=pk, history_type="-")
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:commitments_activity_restore", args=[record.history_id]), follow=True
    )

    assert Activity.objects.filter(pk=pk).count() == 0
    assert Commitment.objects.filter(pk=parent.pk).count() == 0
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "could not be restored" in messages[0] or "تعذر" in messages[0]


@pytest.mark.django_db
def test_project_lead_cannot_restore_records(client, owning_lead, commitment):
    activity = make_activity(commitment, 1)
    pk = activity.pk
    activity.delete()
    record = Activity.history.get(id=pk, history_type="-")
    client.force_login(owning_lead)

    client.post(reverse("admin:commitments_activity_restore", args=[record.history_id]))

    assert Activity.objects.filter(pk=pk).count() == 0
