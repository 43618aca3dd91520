"""Reminders: each lead hears once of every commitment waiting for their report."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import PlanStatus, ReportStatus
from commitments.notices import SEPARATOR
from ogptracker.leads.reminders import due_reminders
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_plan,
    make_report,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 1)
SITE = "https://ogp.example.ma"


@pytest.fixture
def plan():
    plan = make_plan(3, status=PlanStatus.ACTIVE)
    make_meeting(make_committee(plan=plan), date=datetime.date(2025, 3, 18))
    return plan


@pytest.fixture
def huda():
    return make_user("h.bouihi", first_name="هدى", last_name="بويهي", email="huda@example.org")


def reminded(plan_number=None):
    return {
        reminder.lead.username: [c.number for c in reminder.commitments]
        for reminder in due_reminders(TODAY, plan_number)
    }


def test_reminders_list_commitments_unreported_since_the_meeting_or_overdue(plan, huda):
    unreported = make_commitment(plan, 1)
    make_report(unreported, date=datetime.date(2025, 1, 10))
    reported = make_commitment(plan, 2)
    make_report(reported, date=datetime.date(2025, 3, 25), status=ReportStatus.SUBMITTED)
    late = make_commitment(plan, 3)
    make_report(late, date=datetime.date(2025, 3, 25))
    make_activity(late, 1, planned_end=datetime.date(2025, 2, 28))
    for commitment in (unreported, reported, late):
        commitment.leads.add(huda)

    assert reminded() == {"h.bouihi": [1, 3]}


def test_reminders_skip_closed_plans_and_leads_without_address_or_account(plan, huda):
    closed = make_plan(1, status=PlanStatus.CLOSED)
    make_meeting(make_committee(plan=closed), date=datetime.date(2020, 6, 17))
    make_commitment(closed, 1).leads.add(huda)
    commitment = make_commitment(plan, 1)
    commitment.leads.add(
        huda,
        make_user("no_address"),
        make_user("gone", email="gone@example.org", is_active=False),
    )

    assert reminded() == {"h.bouihi": [1]}
    assert reminded(plan_number=1) == {}


def test_remind_leads_sends_one_message_per_lead_in_arabic_then_french(
    plan, huda, mailoutbox, monkeypatch
):
    first = make_commitment(plan, 1, title="تعزيز البيئة المواتية", title_fr="Environnement")
    second = make_commitment(plan, 4)
    make_activity(second, 1, planned_end=datetime.date(2025, 2, 28))
    first.leads.add(huda)
    second.leads.add(huda, make_user("n.lasfir", email="nour@example.org"))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)

    call_command("remind_leads", "--site", SITE + "/", stdout=io.StringIO())

    assert sorted(mail.to[0] for mail in mailoutbox) == ["huda@example.org", "nour@example.org"]
    (mail,) = [mail for mail in mailoutbox if mail.to == ["huda@example.org"]]
    assert mail.subject == (
        "تقارير التقدم المنتظرة قبل الاجتماع المقبل للجنة"
        " / ⵉⵏⵇⵇⵉⵙⵏ ⵏ ⵓⵙⵎⵖⵓⵔ ⵉⵜⵜⵡⴰⵕⵊⴰⵏ ⵓⵇⴱⵍ ⴰⴳⵔⴰⵡ ⴷ ⵉⵍⴽⵎⵏ ⵏ ⵜⵎⵙⵙⵓⵔⵜ"
        " / Rapports d'avancement attendus avant la prochaine réunion du comité"
    )
    arabic, amazigh, french = mail.body.split(SEPARATOR)
    assert "ⴰⵣⵓⵍ هدى بويهي," in amazigh
    assert "السلام عليكم هدى بويهي،" in arabic
    assert "لا تقرير منذ اجتماع 18 مارس 2025" in arabic
    assert f"{SITE}{reverse('leads:commitment_update', args=[first.pk])}" in arabic
    assert "Bonjour هدى بويهي," in french
    # The plan's title has no French text: its Arabic one, isolated.
    assert (
        "- 1. Environnement (\u2067خطة العمل الوطنية 3\u2069) : Aucun rapport depuis la réunion"
        in french
    )
    with override("fr"):
        french_link = reverse("leads:commitment_update", args=[second.pk])
    assert f"{SITE}{french_link}" in french
    assert "1 activité" in french


def test_remind_leads_dry_run_says_who_and_sends_nothing(plan, huda, mailoutbox, capsys):
    make_commitment(plan, 1).leads.add(huda)

    call_command("remind_leads", "--site", SITE, "--dry-run")

    assert mailoutbox == []
    output = capsys.readouterr().out
    assert "huda@example.org: 3.1" in output
    assert "1 leads would be reminded (dry run)." in output


def test_remind_leads_needs_the_sites_address():
    with pytest.raises(CommandError, match="--site must be an address"):
        call_command("remind_leads", "--site", "ogp.example.ma")
