"""Rendering the public minutes PDFs before their first visitor (after a release, say)."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus
from meetings import pdf
from tests.factories import make_agenda_item, make_meeting
from tests.text import pdf_text, squeezed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def warm(*args):
    out = io.StringIO()
    call_command("warm_minutes_pdfs", *args, stdout=out)
    return out.getvalue().strip()


def download(client, meeting, language):
    with override(language):
        return client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))


def test_warmed_minutes_pdfs_reach_their_first_visitor_without_a_render(client):
    published = make_meeting(date=datetime.date(2020, 6, 17))
    make_agenda_item(published, "تقدم إنجاز مختلف الأنشطة", order=1)
    make_meeting(published.committee, date=datetime.date(2020, 10, 1), status=MeetingStatus.DRAFT)

    assert warm("--language", "ar", "--language", "fr").startswith(
        "2 PDF rendered, 0 already cached, in "
    )
    renders = pdf.render_count
    arabic, french = download(client, published, "ar"), download(client, published, "fr")

    assert pdf.render_count == renders
    assert squeezed("تقدم إنجاز مختلف الأنشطة") in squeezed(pdf_text(arabic.content))
    assert squeezed("Page 1 sur 1") in squeezed(pdf_text(french.content))
    assert warm("--language", "ar", "--language", "fr").startswith(
        "0 PDF rendered, 2 already cached, in "
    )


def test_warming_after_an_edit_renders_only_the_changed_minutes():
    june = make_meeting(date=datetime.date(2020, 6, 17))
    make_meeting(june.committee, date=datetime.date(2020, 10, 1))
    warm("--language", "ar")

    make_agenda_item(june, "البرمجة الجديدة للأنشطة المتبقية", order=1)

    assert warm("--language", "ar").startswith("1 PDF rendered, 1 already cached, in ")


def test_warming_the_latest_minutes_only():
    june = make_meeting(date=datetime.date(2020, 6, 17))
    make_meeting(june.committee, date=datetime.date(2020, 10, 1))

    assert warm("--latest", "1", "--language", "ar").startswith("1 PDF rendered, 0 already")
    assert warm("--language", "ar").startswith("1 PDF rendered, 1 already cached")


def test_warming_refuses_an_unknown_language():
    with pytest.raises(CommandError, match="Unknown language de; choose from ar, en, fr."):
        warm("--language", "de")


def test_warming_refuses_a_latest_below_one():
    with pytest.raises(CommandError, match="--latest takes a number of meetings, 1 or more."):
        warm("--latest", "0")
