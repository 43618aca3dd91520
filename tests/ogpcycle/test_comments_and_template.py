"""The self-assessment draft's public comment period, and the commitments' OGP template fields."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from ogptracker.ogpcycle.models import CommitmentDesign, SelfAssessmentComment, SelfAssessmentReport
from tests.factories import make_commitment, make_plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def record():
    plan = make_plan(3, start=datetime.date(2024, 1, 1), planned_end=datetime.date(2027, 12, 31))
    make_commitment(plan, 1)
    return SelfAssessmentReport.objects.create(
        plan=plan,
        kind="mid-term",
        comments_from=TODAY - datetime.timedelta(days=2),
        comments_until=TODAY + datetime.timedelta(days=12),
    )


def url(name, language="en", kind="mid-term"):
    with translation.override(language):
        return reverse(f"commitments:{name}", args=[3, kind])


def test_open_draft_invites_comments_and_saves_one(client, record):
    page = client.get(url("self_assessment")).content.decode()
    assert page.count(url("self_assessment_comment")) == 1

    response = client.post(
        url("self_assessment_comment"),
        {"name": "Amina", "organisation": "Association Tafra", "text": "Publish the budget lines."},
    )

    assert response.status_code == 302
    assert list(record.comments.values_list("name", "organisation", "text")) == [
        ("Amina", "Association Tafra", "Publish the budget lines.")
    ]


def test_comment_form_names_the_missing_field_and_saves_nothing(client, record):
    response = client.post(url("self_assessment_comment", "fr"), {"name": "Amina", "text": ""})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["text"]
    assert SelfAssessmentComment.objects.count() == 0


def test_comments_are_refused_once_the_period_is_over(client, record):
    record.comments_until = TODAY - datetime.timedelta(days=1)
    record.save()

    response = client.post(url("self_assessment_comment"), {"name": "A", "text": "B"})

    assert (response.status_code, SelfAssessmentComment.objects.count()) == (404, 0)


def test_published_report_states_the_comments_received_and_the_response(client, record):
    record.comments.create(name="Amina", organisation="Tafra", text="Publish the budget lines.")
    record.comments.create(name="Karim", text="More on commitment 1.")
    record.comments_until = TODAY - datetime.timedelta(days=1)
    record.published_on = TODAY
    record.response_en = "The budget lines are now in section 3."
    record.save()

    content = client.get(url("self_assessment")).content.decode()

    assert content.count("2 comments were received.") == 1
    assert content.count("Publish the budget lines.") == 1
    assert content.count("The budget lines are now in section 3.") == 1


def test_comment_period_must_be_whole_and_before_publication(record):
    record.comments_until = None
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert list(refused.value.message_dict) == ["comments_until"]

    record.comments_until = TODAY + datetime.timedelta(days=12)
    record.published_on = TODAY
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert list(refused.value.message_dict) == ["published_on"]

    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessmentReport.objects.filter(pk=record.pk).update(comments_from=None)


def test_commitment_page_shows_the_ogp_template_fields(client, db):
    commitment = make_commitment(make_plan(1), 4)
    CommitmentDesign.objects.create(
        commitment=commitment,
        objective_fr="Publier 300 jeux de données.",
        budget_planned=Decimal("1200000"),
        budget_secured=Decimal("800000"),
        sdg_targets="16.6, 16.10",
        actors_civil_society_fr="Association marocaine des données ouvertes",
        actors_international_fr="PNUD",
    )

    with translation.override("fr"):
        content = client.get(reverse("commitments:commitment_detail", args=[1, 4])).content
    content = content.decode()

    assert content.count("Publier 300 jeux de données.") == 1
    assert content.count('<li dir="ltr">16.10</li>') == 1
    assert content.count("Acteurs de soutien : Société civile") == 1
    assert content.count("Acteurs de soutien : Organisations internationales") == 1
    assert content.count("1\u00a0200\u00a0000 MAD prévus, 800\u00a0000 MAD acquis") == 1


def test_secured_budget_beyond_the_planned_one_is_refused_by_field_and_database(db):
    design = CommitmentDesign(
        commitment=make_commitment(), budget_planned=100, budget_secured=150, sdg_targets="SDG 16"
    )

    with pytest.raises(ValidationError) as refused:
        design.full_clean()
    assert sorted(refused.value.message_dict) == ["budget_secured", "sdg_targets"]

    design.sdg_targets = "16.6"
    with pytest.raises(IntegrityError), transaction.atomic():
        design.save()


def test_published_report_docx_states_the_comments_and_the_response(client, record):
    from io import BytesIO

    from docx import Document

    record.comments.create(name="Amina", organisation="Tafra", text="Publish the budget lines.")
    record.comments_until = TODAY - datetime.timedelta(days=1)
    record.published_on = TODAY
    record.response_en = "The budget lines are now in section 3."
    record.save()

    document = Document(BytesIO(client.get(url("self_assessment_docx")).content))

    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Amina (Tafra): Publish the budget lines." in texts
    assert "The budget lines are now in section 3." in texts
