"""The minutes PDFs are tagged for screen readers (PDF/UA-1), read back with pikepdf.

A screen reader reads a PDF by its structure tree: the document's language
and title, then its headings, lists and tables in the page's order, each
table cell tied to its headers.
"""

import datetime
import io
import re
from html import unescape

import pikepdf
import pytest
from django.urls import reverse
from django.utils.translation import override

from meetings.minutes_pdf import minutes_html
from meetings.models import Meeting

# The structure elements a screen reader navigates by, in reading order.
LANDMARKS = {"H1", "H2", "H3", "H4", "L", "Table"}


def structure(pdf):
    """The landmarks of the structure tree in reading order, and every element by tag."""
    landmarks, elements = [], {}

    def walk(element):
        tag = str(element.S)[1:]
        elements.setdefault(tag, []).append(element)
        if tag in LANDMARKS:
            landmarks.append(tag)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    assert "/StructTreeRoot" in pdf.Root, "untagged"
    for element in pdf.Root.StructTreeRoot.K:
        walk(element)
    return landmarks, elements


def html_landmarks(html):
    """The page's headings, lists and tables in order, as PDF tags."""
    tags = re.findall(r"<(h[1-6]|ul|ol|table)\b", html)
    return [
        tag.upper() if tag[0] == "h" else "L" if tag in ("ul", "ol") else "Table" for tag in tags
    ]


def once(landmarks):
    """Landmarks with repeats in a row counted once: WeasyPrint tags the part of a
    list or table on each page as a list or table of its own."""
    return [tag for index, tag in enumerate(landmarks) if index == 0 or landmarks[index - 1] != tag]


def minutes_pdf(client, meeting, language):
    with override(language):
        response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
        html = minutes_html(response.wsgi_request, meeting.pk, preview=False)
    assert response.status_code == 200
    return pikepdf.open(io.BytesIO(response.content)), html


@pytest.mark.parametrize("language", ["ar", "zgh", "fr", "en"])
def test_minutes_pdf_is_tagged_with_its_language_title_headings_lists_and_table(
    client, seed_data, language
):
    meeting = Meeting.objects.get(date=datetime.date(2020, 6, 17))

    pdf, html = minutes_pdf(client, meeting, language)

    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())
    with pdf.open_metadata() as xmp:
        conformance = xmp.get("pdfuaid:part")
    found = (str(pdf.Root.get("/Lang")), str(pdf.docinfo.get("/Title")), conformance)
    assert found == (language, title, "1")
    assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
    landmarks, elements = structure(pdf)
    assert once(landmarks) == once(html_landmarks(html))
    # Each page's part of the status table repeats its header row; its rows are the meeting's.
    assert [len(table.K) for table in elements["Table"]] == [2] * len(elements["Table"])
    body_rows = sum(len(body.K) for body in elements["TBody"])
    assert body_rows == html.count('<th scope="row" class="minutes-commitment">')
    headers = {str(cell.ID) for cell in elements["TH"]}
    assert all(
        set(map(str, cell.A.Headers)) <= headers and cell.A.Headers for cell in elements["TD"]
    )


def test_minutes_pdf_of_the_steering_committee_is_tagged_too(client, seed_data):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 18))

    pdf, html = minutes_pdf(client, meeting, "ar")

    landmarks, _elements = structure(pdf)
    assert once(landmarks) == once(html_landmarks(html))
    assert str(pdf.Root.Lang) == "ar"
