"""The admin: search boxes fold Arabic spellings and read every language; French versions."""

import pytest
from django.urls import reverse

from commitments.enums import ReportStatus
from tests.factories import make_activity, make_agenda_item, make_meeting, make_report

pytestmark = pytest.mark.django_db


def listed(client, name, query):
    response = client.get(reverse(f"admin:{name}_changelist"), {"q": query})
    assert response.status_code == 200
    return response.context["cl"].result_count


@pytest.fixture
def signed_in(client, secretariat):
    client.force_login(secretariat)
    return client


def test_admin_finds_reports_by_folded_words_in_any_language(signed_in):
    activity = make_activity(title="إعداد الإطار القانوني")
    make_report(activity.commitment, narrative="مراجعة الإطار", schedule_fr="Atelier en octobre")
    make_report(activity.commitment, narrative="بدون صلة", status=ReportStatus.SUBMITTED)

    assert listed(signed_in, "commitments_progressreport", "الاطار") == 1  # إ typed as ا
    assert listed(signed_in, "commitments_progressreport", "atelier octobre") == 1
    assert listed(signed_in, "commitments_reportawaitingreview", "صله") == 1  # ة typed as ه
    assert listed(signed_in, "commitments_activity", "الاطار القانوني") == 1
    assert listed(signed_in, "commitments_activity", "غائب") == 0


def test_admin_finds_minutes_folded_and_by_its_own_search_fields(signed_in):
    meeting = make_meeting()
    make_agenda_item(meeting, "تتبع تنفيذ الإطار القانوني")

    assert listed(signed_in, "meetings_agendaitem", "الاطار") == 1
    # The committee's name is none of the meeting's own text, but a search field.
    assert listed(signed_in, "meetings_meeting", meeting.committee.name) == 1


def test_admin_lists_reports_whose_french_version_is_missing(signed_in):
    activity = make_activity()
    make_report(activity.commitment, narrative="تقرير", narrative_fr="Rapport")
    make_report(activity.commitment, narrative="تقرير", schedule="برمجة", schedule_fr="")
    make_report(activity.commitment, narrative="", narrative_fr=None, schedule=None)

    def listed_with(value):
        response = signed_in.get(
            reverse("admin:commitments_progressreport_changelist"), {"french": value}
        )
        return response.context["cl"].result_count

    assert (listed_with("missing"), listed_with("complete")) == (1, 2)
