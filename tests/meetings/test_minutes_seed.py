"""The two real meetings' minutes, rendered from the seed data as a reader gets them."""

import datetime

from django.urls import reverse
from django.utils.translation import override

from meetings.minutes import status_row
from meetings.models import Meeting
from tests.meetings.test_minutes_pdf import squeezed_pdf_text
from tests.text import squeezed


def download(client, date):
    meeting = Meeting.objects.get(date=date)
    response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    return meeting, squeezed_pdf_text(response.content)


def test_june_2020_pdf_has_the_status_table_and_every_participant(client, seed_data):
    meeting, text = download(client, datetime.date(2020, 6, 17))

    assert squeezed("تنفيذ الالتزام بنسبة 65 %") in text
    assert squeezed("أكتوبر-نونبر 2020") in text
    # pdftotext moves the parenthesis before the year: checked in parts.
    assert squeezed("الأربعاء 17 يونيو") in text
    assert squeezed("على الساعة الثانية بعد الزوال") in text
    names = [participant.name for participant in meeting.participants.all()]
    assert len(names) == 9
    assert [name for name in names if squeezed(name) not in text] == []


def test_march_2025_pdf_has_the_plan_figure_and_the_four_agenda_titles(client, seed_data):
    meeting, text = download(client, datetime.date(2025, 3, 18))

    assert squeezed("29 %") in text or squeezed("29%") in text
    titles = [item.title for item in meeting.agenda_items.all()]
    assert len(titles) == 4
    assert [title for title in titles if squeezed(title) not in text] == []
    assert squeezed("محضر الاجتماع الثاني للجنة الإشراف") in text


def test_march_2025_page_states_the_plans_progress(client, seed_data):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 18))

    content = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()

    assert (
        "نسبة تنفيذ \u2068الخطة الوطنية الثالثة للحكومة المنفتحة "
        '<span class="unbroken">2024-2027</span>\u2069: \u206629 %\u2069' in (content)
    )


def test_june_2020_minutes_say_no_progress_once_per_row_in_every_language(seed_data):
    meeting = Meeting.objects.get(date=datetime.date(2020, 6, 17))
    stalled = list(meeting.reports.filter(no_progress=True))

    notes = {}
    for language in ["ar", "fr", "en"]:
        with override(language):
            notes[language] = [status_row(report).no_progress_note for report in stalled]

    # Each of these rows' own text already says it.
    assert len(stalled) == 5
    assert notes == {"ar": [""] * 5, "fr": [""] * 5, "en": [""] * 5}
