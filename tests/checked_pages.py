"""One page of each type, as served, for the checkers an outside reader would use.

tests/test_nu_checker.py hands them to the W3C Nu HTML checker and
tests/e2e/test_accessibility.py to axe-core in Chromium. Each page is fetched
once with Django's test client as the user who sees it (an anonymous visitor,
a project lead, the secretariat), forms with their errors included, so both
checkers read the same bytes.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from commitments.enums import ReportVoice
from commitments.models import Commitment, ProgressReport
from meetings.models import Meeting
from ogptracker.admin_languages import ADMIN_LANGUAGES
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.ogpcycle.models import SelfAssessmentReport
from tests.commitments.lead_forms import activity_key, load_report_form
from tests.factories import make_activity, make_citizen, make_question, make_report, make_user

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Served:
    name: str
    path: str
    status: int
    content_type: str
    html: str

    @property
    def in_admin(self):
        return self.path.split("/")[2] == "admin"


def _public(commitment, minutes, steering):
    return {
        "home": "commitments:home",
        "plan": ("commitments:plan_dashboard", 1),
        "plan with open next steps": ("commitments:plan_dashboard", 3),
        "commitment": ("commitments:commitment_detail", 1, 3),
        "institution": ("commitments:institution_detail", commitment.lead_institution_id),
        "meetings": "meetings:meeting_list",
        "minutes": ("meetings:minutes", minutes.pk),
        "steering minutes": ("meetings:minutes", steering.pk),
        "search": "commitments:search",
        "open data": "commitments:open_data",
        "self-assessment": ("commitments:self_assessment", 1, "end-of-term"),
        "mid-term self-assessment": ("commitments:self_assessment", 3, "mid-term"),
        "how a plan is run": ("commitments:plan_governance", 3),
        "plan revisions": ("commitments:plan_revisions", 3),
        "login": "login",
        "password reset": "password_reset",
        "password reset sent": "password_reset_done",
        "password reset done": "password_reset_complete",
    }


def _url(target, query=""):
    name, *args = (target,) if isinstance(target, str) else target
    return reverse(name, args=args) + query


def serve_pages(languages=LANGUAGES):
    """Every checked page in `languages`, on the seed data: a list of Served."""
    commitment = Commitment.objects.get(plan__number=1, number=3)
    minutes = Meeting.objects.get(date=datetime.date(2020, 6, 17))
    steering = Meeting.objects.get(date=datetime.date(2025, 3, 18))
    lead = make_user("h.bouihi", first_name="هدى", last_name="بويهي")
    commitment.leads.add(lead)
    activity = make_activity(
        commitment,
        1,
        title="تنظيم ورشة تكوينية",
        planned_start=datetime.date(2020, 1, 15),
        planned_end=datetime.date(2020, 6, 30),
    )
    staff = make_user("secretariat", secretariat=True)
    # A report in the review queue, on a commitment the lead does not lead.
    reported = Commitment.objects.get(plan__number=1, number=4)
    report = make_report(reported, 40, status="submitted", date=datetime.date(2026, 1, 5))
    # Plan 3's mid-term report open for comment.
    today = timezone.localdate()
    SelfAssessmentReport.objects.create(
        plan=steering.committee.plan,
        kind="mid-term",
        comments_from=today - datetime.timedelta(days=1),
        comments_until=today + datetime.timedelta(days=20),
    )

    # Civil society beside the official figure: the forum's assessment, far from it,
    # with evidence, and a co-lead's published report.
    forum = Forum.objects.create(name="المنتدى الوطني للمجتمع المدني")
    member = make_user("amal", first_name="أمال", last_name="بناني")
    forum.members.add(member)
    official = Commitment.objects.with_latest_progress().get(pk=commitment.pk).latest_percent
    period_end = datetime.date(commitment.plan.end.year, 6, 30)
    assessment = Assessment.objects.create(
        forum=forum,
        commitment=commitment,
        period_end=min(period_end, datetime.date(2020, 6, 30)),
        percent=max((official or 0) - 25, 0),
        completion="limited",
        narrative="زرنا ثلاث جماعات: البوابة لم تُفتح بعد.",
        recorded_by=member,
    )
    assessment.evidence.create(
        file="evidence/civil-society/survey.pdf", content_type="application/pdf"
    )
    co_lead = make_user("karim", first_name="كريم", last_name="العلوي")
    commitment.co_leads.add(co_lead)
    make_report(
        commitment,
        30,
        date=datetime.date(2020, 5, 1),
        voice=ReportVoice.CIVIL_SOCIETY,
        narrative="الجمعيات لم تُستشر بعد",
    )

    # A citizen's question, answered, and another waiting for the lead.
    citizen = make_citizen("سلمى العلوي", organisation="جمعية الشفافية")
    make_question(commitment, citizen).answers.create(
        institution=commitment.lead_institution, author_name="هدى بويهي", text="الجواب"
    )
    waiting = make_question(commitment, citizen, text="سؤال ينتظر الجواب")

    uid = urlsafe_base64_encode(force_bytes(lead.pk))
    anonymous, lead_client, secretariat = Client(), Client(), Client()
    member_client, citizen_client = Client(), Client()
    lead_client.force_login(lead)
    secretariat.force_login(staff)
    member_client.force_login(member)
    citizen_client.force_login(citizen.user)
    served = []

    def get(client, name, url):
        served.append(_served(name, url, client.get(url)))

    def post(client, name, url, data):
        served.append(_served(name, url, client.post(url, data)))

    for language in languages:
        with override(language):
            for name, target in _public(commitment, minutes, steering).items():
                get(anonymous, name, _url(target))
            get(anonymous, "search results", _url("commitments:search", "?q=الأرشيف"))
            get(
                anonymous,
                "search results in two words",
                _url("commitments:search", "?q=المجتمع المدني"),
            )
            get(
                anonymous,
                "minutes found by a search",
                _url("commitments:search_minutes", "?q=الالتزامات"),
            )
            get(anonymous, "page not found", f"/{language}/plans/999/")
            comment = _url(("commitments:self_assessment_comment", 3, "mid-term"))
            get(anonymous, "comment on a self-assessment", comment)
            post(anonymous, "comment with errors", comment, {"name": "", "text": ""})
            post(anonymous, "login refused", _url("login"), {"username": "x", "password": "y"})
            get(
                anonymous,
                "password reset link expired",
                _url(("password_reset_confirm", "MQ", "set-password")),
            )
            # The e-mailed link leads, once its token is in the session, to the form.
            link = _url(("password_reset_confirm", uid, default_token_generator.make_token(lead)))
            served.append(_served("password reset form", link, anonymous.get(link, follow=True)))

            get(anonymous, "sign up", _url("participation:sign_up"))
            post(anonymous, "sign up with errors", _url("participation:sign_up"), {"email": "x"})
            follow = _url(("participation:follow", "commitment", commitment.pk))
            get(anonymous, "follow", follow)
            post(anonymous, "follow with errors", follow, {"email": "x"})
            ask = _url(("participation:ask", 1, 3))
            get(citizen_client, "ask a question", ask)
            post(citizen_client, "question with errors", ask, {"text": " "})
            get(citizen_client, "my questions", _url("participation:account"))
            get(citizen_client, "delete my account", _url("participation:delete_account"))

            get(lead_client, "my commitments", _url("leads:my_commitments"))
            get(lead_client, "questions from the public", _url("leads:questions"))
            post(
                lead_client,
                "answer with errors",
                _url(("leads:answer", waiting.pk)),
                {"text": ""},
            )
            update = _url(("leads:commitment_update", commitment.pk))
            get(lead_client, "report form", update)
            # Posted as the form stood, but a figure past 100 and an activity's
            # revised end before its planned start.
            with override(settings.LANGUAGE_CODE):
                data = load_report_form(lead_client, commitment)
            data.update({"percent": "140", "action": "submit"})
            data[activity_key(data, activity, "revised_end")] = "2019-12-31"
            post(lead_client, "report form with errors", update, data)
            get(member_client, "forum assessments", _url("civilsociety:my_assessments"))
            assess = _url(("civilsociety:assessment_edit", commitment.pk))
            get(member_client, "assessment form", assess)
            post(
                member_client,
                "assessment form with errors",
                assess,
                {"forum": forum.pk, "period_end": "2020-03-31", "percent": "140"},
            )
            get(lead_client, "password change", _url("password_change"))
            post(lead_client, "password change refused", _url("password_change"), {})

            if language not in ADMIN_LANGUAGES:
                continue
            get(secretariat, "admin index", _url("admin:index"))
            get(secretariat, "admin list", _url("admin:commitments_commitment_changelist"))
            get(
                secretariat,
                "admin review queue",
                _url("admin:commitments_reportawaitingreview_changelist"),
            )
            get(secretariat, "admin import", _url("admin:commitments_commitment_import"))
            get(
                secretariat,
                "admin moderation",
                _url(("admin:participation_question_change", waiting.pk)),
            )
            get(secretariat, "admin deleted records", _url("admin:commitments_commitment_deleted"))
            post(
                secretariat,
                "admin return for revision",
                _url("admin:commitments_reportawaitingreview_changelist"),
                {"action": "return_for_revision", "_selected_action": [report.pk]},
            )
            post(
                secretariat,
                "admin prepare the next meeting",
                _url("admin:meetings_meeting_changelist"),
                {
                    "action": "prepare_next_meeting",
                    "_selected_action": [minutes.pk],
                    "apply": "1",
                    "date": minutes.date.isoformat(),
                },
            )
    assert ProgressReport.objects.filter(pk=report.pk).exists()
    return served


def _served(name, url, response):
    language = url.split("/")[1]
    assert response.status_code in (200, 404), (url, response.status_code)
    return Served(
        f"{name} ({language})",
        url,
        response.status_code,
        response["Content-Type"],
        response.content.decode(),
    )
