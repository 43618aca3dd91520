"""The self-assessment report gives civil society's latest view of each commitment
as of the report's date, beside the official figure, the gap flagged."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation

from tests.civilsociety.conftest import make_assessment

pytestmark = pytest.mark.django_db


def url(name, kind, language="ar"):
    with translation.override(language):
        return reverse(f"commitments:{name}", args=[3, kind])


def test_the_report_gives_civil_societys_view_as_of_its_date(client, official, forum):
    make_assessment(forum, official, 35)  # The half-year to 30 June 2025.
    make_assessment(forum, official, 90, datetime.date(2026, 6, 30), completion="substantial")

    # Mid-term: the plan's midpoint is in late 2025, so the 2026 view is not yet counted.
    middle = client.get(url("self_assessment", "mid-term")).content.decode()
    end = client.get(url("self_assessment", "end-of-term")).content.decode()

    assert "تقييم المجتمع المدني:" in middle
    assert "35\u00a0%" in middle and "90\u00a0%" not in middle
    assert "المجتمع المدني: 25 نقطة دون الرقم الرسمي" in middle
    assert "90\u00a0%" in end
    assert "المجتمع المدني: 30 نقطة فوق الرقم الرسمي" in end
    assert "<bdi>المنتدى الوطني للمجتمع المدني</bdi>" in end


def test_the_docx_gives_the_same_view(client, official, forum):
    from docx import Document

    make_assessment(forum, official, 90, datetime.date(2026, 6, 30))

    response = client.get(url("self_assessment_docx", "end-of-term", "en"))

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Civil society's assessment: 90\u00a0%" in text
    assert "Civil society: 30 points above the official figure" in text


def test_no_line_for_a_commitment_no_forum_assessed(client, official):
    page = client.get(url("self_assessment", "end-of-term")).content.decode()

    assert "تقييم المجتمع المدني:" not in page
