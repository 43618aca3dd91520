"""Bidirectional controls typed into names, titles and file names are taken out on saving."""

import pytest
from django.forms import modelform_factory

from commitments.models import ActionPlan, Commitment, Institution
from meetings.models import Participant
from ogptracker.common.bidi import strip_controls
from tests.factories import (
    PDF_BYTES,
    make_commitment,
    make_evidence,
    make_participant,
    make_report,
)

RLO = "\u202e"


def test_strip_controls_takes_out_overrides_and_isolates_but_keeps_the_marks():
    typed = "\u202bأحمد\u202c \u202eAlami\u2066 2020\u2069 \u200fك\u200e \u061c"

    assert strip_controls(typed) == "أحمد Alami 2020 \u200fك\u200e \u061c"


@pytest.mark.django_db
def test_participant_name_is_saved_without_an_override():
    participant = make_participant(name=f"Ahmed Alami{RLO}", function=f"Directeur{RLO}")

    stored = Participant.objects.values_list("name", "function_ar").get(pk=participant.pk)

    assert stored == ("Ahmed Alami", "Directeur")


@pytest.mark.django_db
def test_titles_in_every_language_are_saved_without_an_override():
    commitment = make_commitment(title=f"{RLO}الأرشيف", title_fr=f"Archives{RLO} 2020")

    stored = Commitment.objects.values_list("title_ar", "title_fr").get(pk=commitment.pk)

    assert stored == ("الأرشيف", "Archives 2020")


@pytest.mark.django_db
def test_admin_form_shows_and_saves_a_name_without_an_override():
    form_class = modelform_factory(Institution, fields=["name_ar", "acronym"])
    form = form_class({"name_ar": f"وزارة{RLO} العدل", "acronym": f"MJ{RLO}"})

    assert form.is_valid(), form.errors
    institution = form.save()

    assert (institution.name_ar, institution.acronym) == ("وزارة العدل", "MJ")


@pytest.mark.django_db
def test_bulk_created_rows_are_saved_without_an_override():
    # As spreadsheet imports and restores may create them.
    ActionPlan.objects.bulk_create(
        [
            ActionPlan(
                number=7, title_ar=f"الخطة{RLO} 7", start="2024-01-01", planned_end="2027-12-31"
            )
        ]
    )

    assert ActionPlan.objects.get(number=7).title_ar == "الخطة 7"


@pytest.mark.django_db
def test_uploaded_file_name_loses_its_override_by_the_same_rule(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(make_commitment())

    evidence = make_evidence(report, name=f"report{RLO}fdp.pdf", content=PDF_BYTES)

    assert evidence.file.name.rsplit("/", 1)[-1] == "reportfdp.pdf"
