"""The seed minutes' PDFs read back, word for word and line for line, as stored.

tests/meetings/pdf_text/ holds what pdftotext read in the public PDFs of the
June 2020 and March 2025 minutes, in Arabic and French, before the renderer
was changed (issue 22). Nothing is normalised: the PDFs print no date of
generation or other varying text, so any difference (a word, a line broken
elsewhere, a page more) is a change in what readers get.
"""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import override

from meetings import pdf
from meetings.models import Meeting
from tests.text import pdf_text, readable

STORED = Path(__file__).parent / "pdf_text"


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize("date", ["2020-06-17", "2025-03-18"])
def test_seed_minutes_pdf_text_is_the_stored_copy(client, seed_data, date, language):
    meeting = Meeting.objects.get(date=datetime.date.fromisoformat(date))
    with override(language):
        url = reverse("meetings:minutes_pdf", args=[meeting.pk])

    renders = pdf.render_count

    response = client.get(url)

    assert response.status_code == 200
    assert pdf.render_count == renders + 1
    assert pdf_text(response.content) == (STORED / f"{date}.{language}.txt").read_text()


@pytest.mark.parametrize(
    "date, whole",
    [
        # Amiri's kerning read back as «الوزار ية», its contextual forms as «إللكتروني»;
        # the plan's years came back as 2020-2018.
        ("2020-06-17", ["الوزارية", "إلكتروني", "التمويل", "عضوية", "2018-2020"]),
        ("2025-03-18", ["الأمازيغية", "المستويين", "2024-2027"]),
    ],
)
def test_seed_minutes_pdf_gives_arabic_words_and_year_ranges_back_whole(
    client, seed_data, date, whole
):
    meeting = Meeting.objects.get(date=datetime.date.fromisoformat(date))

    text = readable(
        pdf_text(client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).content)
    )

    assert [word for word in whole if word not in text.split()] == []
