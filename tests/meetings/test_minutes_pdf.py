"""The minutes as PDF: real WeasyPrint, text read back with pdftotext, cache per version."""

import datetime
import gc
import logging
import subprocess

import pytest
import tinyhtml5
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus, PlatformStatus, ReportStatus
from meetings import pdf
from meetings.enums import Honorific, MeetingFormat
from meetings.minutes_pdf import minutes_html
from tests.factories import (
    make_agenda_item,
    make_commitment,
    make_committee,
    make_meeting,
    make_participant,
    make_plan,
    make_report,
)
from tests.text import pdf_text, squeezed

pytestmark = pytest.mark.django_db


def squeezed_pdf_text(content):
    """The PDF's text in logical order, without spaces (tests.text.squeezed)."""
    return squeezed(pdf_text(content))


def pdf_url(meeting, language="ar"):
    with override(language):
        return reverse("meetings:minutes_pdf", args=[meeting.pk])


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def meeting():
    plan = make_plan(number=1, title="خطة العمل الوطنية الأولى 2018-2020")
    meeting = make_meeting(
        committee=make_committee(plan=plan, name="لجنة التنفيذ"),
        sequence=2,
        date=datetime.date(2020, 6, 17),
        start_time=datetime.time(14, 0),
        format=MeetingFormat.REMOTE,
    )
    archives = make_commitment(plan=plan, number=3, title="تدبير الأرشيف العمومي")
    make_participant(
        meeting, "هدى بويهي", honorific=Honorific.MS, function="رئيسة المشروع المكلفة بالالتزام 3"
    ).commitments.add(archives)
    make_report(
        archives,
        percent=65,
        meeting=meeting,
        narrative="النشاط 1: إعادة هيكلة تدبير الأرشيف",
        platform_status=PlatformStatus.YES,
        schedule="تنفيذ مخطط التكوين خلال شهر أكتوبر-نونبر 2020",
    )
    make_agenda_item(meeting, "تقدم إنجاز مختلف الأنشطة", order=1)
    return meeting


def own_style_attributes(meeting):
    """How many elements of the PDF's HTML carry an id, a lang or a style.

    WeasyPrint gives each of them a style of its own, which none of its
    descendants can then share with those of a like element: rows would each
    have their styles computed again, a sixth of a 35-row render.
    """
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with override("ar"):
        html = minutes_html(request, meeting.pk, preview=False)
    # Parsed as WeasyPrint parses it.
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    return sum(1 for element in root.iter() if {"id", "lang", "style"} & set(element.attrib))


def test_minutes_pdf_rows_share_their_styles_at_any_size(meeting):
    one_row = own_style_attributes(meeting)
    for number in range(4, 34):
        make_report(
            make_commitment(plan=meeting.committee.plan, number=number),
            meeting=meeting,
            narrative="تنظيم ورشات تكوينية",
        )

    assert own_style_attributes(meeting) == one_row


def test_minutes_pdf_is_a_named_attachment(client, meeting):
    response = client.get(pdf_url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="minutes-2020-06-17.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_minutes_pdf_text_is_arabic_in_logical_order(client, meeting):
    text = squeezed_pdf_text(client.get(pdf_url(meeting)).content)

    assert squeezed("تنفيذ الالتزام بنسبة 65 %") in text
    assert squeezed("هدى بويهي") in text
    assert squeezed("أكتوبر-نونبر 2020") in text
    assert squeezed("الصفحة 1 من 1") in text
    assert squeezed("لجنة التنفيذ — 17 يونيو 2020") in text


def test_minutes_pdf_names_its_committee_and_plan_in_its_properties(client, meeting):
    content = client.get(pdf_url(meeting)).content
    info = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    properties = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)

    assert properties["Title"].strip() == "محضر الاجتماع الثاني للجنة التنفيذ"
    assert properties["Author"].strip() == "لجنة التنفيذ"
    assert properties["Subject"].strip() == "خطة العمل الوطنية الأولى 2018-2020"


def test_minutes_pdf_page_numbers_follow_the_language(client, meeting):
    text = squeezed_pdf_text(client.get(pdf_url(meeting, "fr")).content)

    assert squeezed("Page 1 sur 1") in text
    assert squeezed("Engagement mis en œuvre à 65 %") in text


def test_minutes_pdf_escapes_a_script_in_the_narrative(client, meeting):
    meeting.reports.update(narrative_ar="<script>alert(1)</script>")

    text = squeezed_pdf_text(client.get(pdf_url(meeting)).content)

    # Printed as text; right to left, its brackets come back mirrored.
    assert squeezed("script") in text
    assert squeezed("alert") in text


def test_minutes_pdf_embeds_the_shipped_fonts(client, meeting):
    content = client.get(pdf_url(meeting)).content

    fonts = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True)

    # Arabic in Noto Naskh Arabic, the rest (here the brackets and %) in Amiri.
    embedded = [line.split()[0] for line in fonts.stdout.decode().splitlines()[2:]]
    assert sorted(name.split("+")[1] for name in embedded) == [
        "Amiri-Shipped",
        "Amiri-Shipped-Bold",
        "Noto-Naskh-Arabic-Shipped",
        "Noto-Naskh-Arabic-Shipped-Bold",
    ]


def test_minutes_pdf_warm_up_renders_arabic_in_the_shipped_font_and_counts_no_render():
    before = pdf.render_count

    content = pdf.warm_up()

    fonts = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True)
    embedded = [line.split()[0] for line in fonts.stdout.decode().splitlines()[2:]]
    assert [name.split("+")[1] for name in embedded] == ["Noto-Naskh-Arabic-Shipped"]
    assert squeezed_pdf_text(content) == squeezed("محضر اجتماع لجنة التنفيذ 2020 الصفحة 1 من 1")
    assert pdf.render_count == before


def test_minutes_pdf_draft_meeting_is_404_for_anonymous(client, meeting):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    response = client.get(pdf_url(meeting))

    assert response.status_code == 404


def test_minutes_pdf_second_download_is_not_rendered_again(client, meeting):
    client.get(pdf_url(meeting))
    renders = pdf.render_count

    second = client.get(pdf_url(meeting))

    assert pdf.render_count == renders
    assert second.content.startswith(b"%PDF-")


def test_minutes_pdf_cached_download_reads_without_loading_the_minutes(
    client, meeting, django_assert_num_queries
):
    client.get(pdf_url(meeting))

    # The meeting with its change marks, the cache entry.
    with django_assert_num_queries(2):
        client.get(pdf_url(meeting))


def download_after(client, meeting, edit):
    client.get(pdf_url(meeting))
    renders = pdf.render_count
    edit()
    response = client.get(pdf_url(meeting))
    return pdf.render_count - renders, squeezed_pdf_text(response.content)


def test_minutes_pdf_report_edit_renders_again(client, meeting):
    def edit():
        report = meeting.reports.get()
        report.percent = 70
        report.save()

    renders, text = download_after(client, meeting, edit)

    assert renders == 1
    assert squeezed("تنفيذ الالتزام بنسبة 70 %") in text


def test_minutes_pdf_new_release_renders_again(client, meeting, settings):
    def edit():
        settings.RELEASE = "next"

    renders, _ = download_after(client, meeting, edit)

    assert renders == 1


def test_minutes_pdf_participant_rename_renders_again(client, meeting):
    def edit():
        participant = meeting.participants.get()
        participant.name = "هدى بويهي العلوي"
        participant.save()

    renders, text = download_after(client, meeting, edit)

    assert renders == 1
    assert squeezed("هدى بويهي العلوي") in text


def test_minutes_pdf_participant_commitments_edit_renders_again(client, meeting):
    def edit():
        meeting.participants.get().commitments.add(
            make_commitment(plan=meeting.committee.plan, number=9)
        )

    renders, _ = download_after(client, meeting, edit)

    assert renders == 1


def test_minutes_pdf_deleted_agenda_item_renders_again(client, meeting):
    renders, text = download_after(client, meeting, lambda: meeting.agenda_items.get().delete())

    assert renders == 1
    assert squeezed("تقدم إنجاز مختلف الأنشطة") not in text


def test_minutes_pdf_other_meeting_edit_keeps_the_cache(client, meeting):
    other = make_meeting(date=datetime.date(2021, 1, 5))

    renders, _ = download_after(client, meeting, lambda: make_participant(other, "اسم آخر"))

    assert renders == 0


def test_minutes_pdf_fetches_nothing_but_static_files():
    assert pdf.static_path(pdf.STATIC_PREFIX + "fonts/Amiri-Regular.ttf").name == (
        "Amiri-Regular.ttf"
    )
    assert pdf.static_path("https://example.org/static/fonts/Amiri-Regular.ttf") is None
    assert pdf.static_path(pdf.STATIC_PREFIX + "../ogptracker/settings.py") is None


def test_minutes_pdf_cache_is_kept_per_language(client, meeting):
    client.get(pdf_url(meeting, "ar"))

    text = squeezed_pdf_text(client.get(pdf_url(meeting, "fr")).content)

    assert squeezed("Page 1 sur 1") in text


def test_minutes_pdf_secretariat_preview_never_reaches_the_public(client, meeting, secretariat):
    make_report(
        make_commitment(plan=meeting.committee.plan, number=4),
        percent=12,
        meeting=meeting,
        status=ReportStatus.SUBMITTED,
    )
    client.force_login(secretariat)
    preview = squeezed_pdf_text(client.get(pdf_url(meeting)).content)
    client.logout()

    public = squeezed_pdf_text(client.get(pdf_url(meeting)).content)

    assert squeezed("تنفيذ الالتزام بنسبة 12 %") in preview
    assert squeezed("تنفيذ الالتزام بنسبة 12 %") not in public


def test_minutes_pdf_commitment_title_edit_renders_again(client, meeting):
    def edit():
        commitment = meeting.reports.get().commitment
        commitment.title = "تدبير الأرشيف العمومي وتكوين الأطر"
        commitment.save()

    renders, text = download_after(client, meeting, edit)

    assert renders == 1
    assert squeezed("تدبير الأرشيف العمومي وتكوين الأطر") in text


def test_minutes_pdf_inline_is_served_from_the_same_cache(client, meeting):
    client.get(pdf_url(meeting))
    renders = pdf.render_count

    response = client.get(pdf_url(meeting), {"inline": "1"})

    assert pdf.render_count == renders
    assert response["Content-Disposition"] == 'inline; filename="minutes-2020-06-17.pdf"'


def test_minutes_pdf_renders_without_warnings(client, meeting, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        client.get(pdf_url(meeting))

    assert [record.getMessage() for record in caplog.records] == []


def test_minutes_pdf_render_collects_garbage_less_often_then_restores(monkeypatch):
    before = gc.get_threshold()
    during = []
    document = pdf._document

    def recording(html):
        during.append(gc.get_threshold())
        return document(html)

    monkeypatch.setattr(pdf, "_document", recording)
    pdf.render_pdf(pdf.WARM_UP_DOCUMENT)

    assert during == [(pdf.RENDER_GC_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_minutes_pdf_failed_render_restores_the_collector(monkeypatch):
    before = gc.get_threshold()
    monkeypatch.setattr(pdf, "_document", lambda html: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        pdf.render_pdf(pdf.WARM_UP_DOCUMENT)

    assert gc.get_threshold() == before
