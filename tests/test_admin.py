"""Every admin page of the tracker renders, in Arabic, right to left."""

import pytest
from django.contrib import admin
from django.urls import reverse

from commitments.enums import ReportStatus
from tests.factories import make_activity, make_meeting, make_report

TRACKER_APPS = {"commitments", "meetings"}
# The review queue holds what project leads submitted; nothing is added there.
NO_ADD_PAGE = {"ReportAwaitingReview"}


def tracker_models():
    return [model for model in admin.site._registry if model._meta.app_label in TRACKER_APPS]


@pytest.fixture
def one_of_each(db):
    activity = make_activity()
    meeting = make_meeting()
    make_report(activity.commitment, meeting=meeting)
    make_report(activity.commitment, status=ReportStatus.SUBMITTED)
    meeting.participants.create(name="حاتم مورادي", order=1)
    meeting.agenda_items.create(order=1, title="تقدم الإنجاز")
    meeting.next_steps.create(order=1, text="برمجة لقاء")
    meeting.committee.memberships.create(name="حاتم مورادي", start_date=meeting.date)
    activity.commitment.plan.progress_records.create(date="2025-03-18", percent=29)
    activity.commitment.plan.axes.create(number=1, title="الشفافية والمشاركة")


def test_every_tracker_model_is_registered():
    names = {model.__name__ for model in tracker_models()}

    assert names == {
        "ActionPlan", "Axis", "Institution", "Commitment", "Activity", "ProgressReport",
        "PlanProgress", "Committee", "Membership", "Meeting", "Participant", "AgendaItem",
        "NextStep",
        "ReportAwaitingReview",
    }  # fmt: skip


@pytest.mark.django_db
def test_admin_index_is_arabic_and_right_to_left(client, secretariat):
    client.force_login(secretariat)

    response = client.get("/ar/admin/")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'dir="rtl"' in content
    assert "خطط العمل والالتزامات" in content
    assert "الالتزامات" in content


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history"])
def test_every_admin_page_renders_rtl_for_the_secretariat(client, secretariat, one_of_each, view):
    client.force_login(secretariat)

    for model in tracker_models():
        meta = model._meta
        args = [] if view in ("changelist", "add") else [model.objects.first().pk]
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)

        response = client.get(url)

        if view == "add" and model.__name__ in NO_ADD_PAGE:
            assert response.status_code == 403, url
            continue
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.content.decode(), url


@pytest.mark.django_db
def test_admin_is_closed_to_a_project_lead(client, owning_lead):
    client.force_login(owning_lead)

    response = client.get(reverse("admin:commitments_commitment_changelist"))

    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_index_lists_plans_before_meetings_in_working_order(client, secretariat):
    client.force_login(secretariat)

    app_list = client.get(reverse("admin:index")).context["app_list"]

    assert [app["app_label"] for app in app_list] == [
        "commitments",
        "meetings",
        "ogpcycle",
        "civilsociety",
        "auth",
        "axes",
    ]
    assert [model["object_name"] for model in app_list[0]["models"]] == [
        "ReportAwaitingReview", "ActionPlan", "Axis", "Commitment", "Activity",
        "ProgressReport", "PlanProgress", "Institution",
    ]  # fmt: skip
