"""The forum members' pages: who may record, what a form refuses, what history keeps."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import ProgressReport
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.pagecache import data_version
from tests.factories import PDF_BYTES, make_report, make_user

from .conftest import make_assessment


def _edit_url(commitment):
    return reverse("civilsociety:assessment_edit", args=[commitment.pk])


def _posted(forum, **fields):
    return {
        "forum": forum.pk,
        "period_end": "2025-06-30",
        "percent": "35",
        "completion": "limited",
        "narrative": "زرنا ثلاث جماعات: البوابة لم تُفتح بعد.",
        **fields,
    }


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client, official):
    response = client.get(_edit_url(official))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owning_lead", "secretariat"])
def test_only_forum_members_reach_the_forum_pages(client, request, official, forum, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("civilsociety:my_assessments")).status_code == 403
    assert client.post(_edit_url(official), _posted(forum)).status_code == 403
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_member_lists_commitments_with_both_figures(client, forum_member, forum, official):
    make_assessment(forum, official, 35)
    client.force_login(forum_member)

    html = client.get(reverse("civilsociety:my_assessments")).content.decode()

    assert 'dir="rtl"' in html
    assert 'الرقم الرسمي: <span class="number">60' in html
    assert "25 نقطة دون الرقم الرسمي" in html


@pytest.mark.django_db
def test_member_records_an_assessment_public_at_once_with_its_author_in_history(
    client, forum_member, forum, official, django_capture_on_commit_callbacks
):
    client.force_login(forum_member)
    before = data_version()
    upload = SimpleUploadedFile("survey.pdf", PDF_BYTES, content_type="application/pdf")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(official), {**_posted(forum), "evidence": [upload]})

    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.forum, assessment.percent, assessment.completion) == (forum, 35, "limited")
    assert assessment.recorded_by == forum_member
    assert assessment.history.get().history_user == forum_member
    evidence = assessment.evidence.get()
    assert (evidence.content_type, evidence.uploaded_by) == ("application/pdf", forum_member)
    assert data_version() != before
    public = client.get(reverse("civilsociety:assessment_evidence", args=[evidence.pk]))
    assert public.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"percent": "150"}, "percent", "أقل من 100 أو مساوية لها"),
        ({"percent": ""}, "percent", "هذا الحقل مطلوب"),
        ({"narrative": "  "}, "narrative", "هذا الحقل مطلوب"),
        ({"period_end": "2025-03-31"}, "period_end", "ليس أحد الخيارات المتاحة"),
        ({"completion": "excellent"}, "completion", "ليس أحد الخيارات المتاحة"),
    ],
)
def test_form_says_which_field_is_wrong_and_saves_nothing(
    client, forum_member, forum, official, fields, field, message
):
    client.force_login(forum_member)

    response = client.post(_edit_url(official), _posted(forum, **fields))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert f'href="#id_{field}"' in response.content.decode()
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_a_second_assessment_of_the_same_period_is_refused_on_the_period(
    client, forum_member, forum, official
):
    make_assessment(forum, official, 50)
    client.force_login(forum_member)

    response = client.post(_edit_url(official), _posted(forum))

    assert list(response.context["form"].errors) == ["period_end"]
    assert Assessment.objects.get().percent == 50


@pytest.mark.django_db
def test_evidence_is_judged_by_its_content(client, forum_member, forum, official):
    client.force_login(forum_member)
    fake = SimpleUploadedFile("survey.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client.post(_edit_url(official), {**_posted(forum), "evidence": [fake]})

    assert list(response.context["form"].errors) == ["evidence"]
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_member_changes_their_forum_s_assessment_and_history_keeps_both(
    client, forum_member, forum, official
):
    assessment = make_assessment(forum, official, 50)
    client.force_login(forum_member)

    client.post(
        f"{_edit_url(official)}?assessment={assessment.pk}",
        _posted(forum, percent="30", period_end="2024-12-31"),
    )

    assessment.refresh_from_db()
    # The period and the forum of a saved assessment stay what they were.
    assert (assessment.percent, assessment.period_end) == (30, datetime.date(2025, 6, 30))
    assert [h.percent for h in assessment.history.order_by("history_date")] == [50, 30]
    assert assessment.history.latest().history_user == forum_member


@pytest.mark.django_db
def test_another_forum_s_assessment_cannot_be_changed(client, forum_member, official):
    other = make_assessment(Forum.objects.create(name="منتدى آخر"), official, 50)
    client.force_login(forum_member)

    assert client.get(f"{_edit_url(official)}?assessment={other.pk}").status_code == 404
    assert client.get(f"{_edit_url(official)}?assessment={'9' * 40}").status_code == 404


@pytest.mark.django_db
def test_forum_member_cannot_touch_official_reports(client, forum_member, official):
    client.force_login(forum_member)
    update = reverse("leads:commitment_update", args=[official.pk])

    assert client.get(update).status_code == 404
    assert client.post(update, {"percent": 5, "action": "submit"}).status_code == 404
    # No way into the admin either, where reports are reviewed.
    admin_page = client.get(reverse("admin:commitments_progressreport_changelist"))
    assert admin_page.status_code == 302
    assert list(ProgressReport.objects.values_list("percent", flat=True)) == [60]


@pytest.mark.django_db
def test_typed_text_is_escaped_and_the_member_s_email_is_never_public(
    client, forum_member, forum, official
):
    make_assessment(
        forum, official, 35, narrative='<script>alert(1)</script> <a href="http://x">x</a>'
    )
    page = reverse("commitments:commitment_detail", args=[official.plan.number, official.number])

    html = client.get(page).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="http://x"' not in html
    assert forum_member.email not in html
    assert forum_member.username not in html


@pytest.mark.django_db
def test_signed_in_lead_page_points_a_member_to_the_forum_pages(client, forum_member):
    client.force_login(forum_member)

    html = client.get(reverse("leads:my_commitments")).content.decode()

    assert reverse("civilsociety:my_assessments") in html
    assert "لست مدرجا" not in html


@pytest.mark.django_db
def test_member_who_also_leads_a_commitment_reports_there_as_a_lead(
    client, forum, official, owning_lead
):
    forum.members.add(owning_lead)
    client.force_login(owning_lead)

    assert client.get(reverse("civilsociety:my_assessments")).status_code == 200
    assert client.get(reverse("leads:commitment_update", args=[official.pk])).status_code == 200
    make_report(official, percent=70, date=datetime.date(2025, 9, 1))
    assert make_user("bystander").forums.count() == 0
