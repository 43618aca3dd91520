"""Every URL pattern of the project, as each kind of visitor sees it.

The walker lists every pattern of the URL configuration, the admin and the
API included, and requests a real URL for each as an anonymous visitor,
another commitment's lead, the commitment's own lead and the secretariat. Each
pattern needs an explicit line in EXPECTED: a new page cannot ship without
someone deciding who may open it.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from commitments.enums import ReportStatus
from ogptracker.civilsociety.models import Assessment, AssessmentEvidence, Forum
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    IRMAssessment,
    PlanRevision,
    SelfAssessmentReport,
)
from ogptracker.participation import tokens
from ogptracker.participation.models import Follow
from tests.factories import (
    PDF_BYTES,
    make_activity,
    make_citizen,
    make_committee,
    make_evidence,
    make_meeting,
    make_question,
    make_report,
)

ROLES = ("anonymous", "other_lead", "owning_lead", "secretariat")

# Answers other than a plain status code.
LOGIN = "login page"
ADMIN_LOGIN = "admin login page"
REDIRECT = "redirect elsewhere"

EVERYONE = (200, 200, 200, 200)
SIGNED_IN = (LOGIN, 200, 200, 200)
STAFF = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200)
# The secretariat's group holds the tracker's permissions and those over
# accounts, not those over groups, passwords and the sign-in logs.
STAFF_WITHOUT_PERMISSION = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403)

TRACKER_APPS = ("commitments", "meetings", "ogpcycle", "civilsociety")
# Those whose admin pages import and export spreadsheets.
SPREADSHEET_APPS = ("commitments", "meetings", "ogpcycle")
ACCOUNT_APPS = ("auth", "axes")

EXPECTED = {
    "healthz": EVERYONE,
    "sitemap": EVERYONE,
    "sitemap_section": EVERYONE,
    "robots_txt": EVERYONE,
    # A GET changes nothing and only goes back to the page it came from.
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "login": EVERYONE,
    # Logging out is a POST, so that a link or an image cannot do it.
    "logout": (405, 405, 405, 405),
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": EVERYONE,
    "password_reset_done": EVERYONE,
    # A valid link moves its token into the session and redirects.
    "password_reset_confirm": (REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "password_reset_complete": EVERYONE,
    "admin:index": STAFF,
    # Leads see the form with a "not authorised" notice; staff go on to the index.
    "admin:login": (200, 200, 200, REDIRECT),
    # Outsiders are sent to the admin's index (and on to its login); staff must POST.
    "admin:logout": (REDIRECT, REDIRECT, REDIRECT, 405),
    "admin:password_change": STAFF,
    "admin:password_change_done": STAFF,
    "admin:autocomplete": STAFF,
    "admin:jsi18n": STAFF,
    # No model has a public page yet, so "view on site" finds nothing.
    "admin:view_on_site": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404),
    # Unknown admin addresses do not reveal, to outsiders, that they are unknown.
    "admin:<(?P<url>.*)$>": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404),
    "favicon": (REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # Public pages: published data, no login.
    "commitments:home": EVERYONE,
    "commitments:plan_dashboard": EVERYONE,
    "commitments:plan_feed": EVERYONE,
    "commitments:search": EVERYONE,
    "commitments:search_minutes": EVERYONE,
    "commitments:commitment_detail": EVERYONE,
    "commitments:institution_detail": EVERYONE,
    "commitments:open_data": EVERYONE,
    "commitments:plan_download": EVERYONE,
    "meetings:meeting_list": EVERYONE,
    "meetings:minutes_feed": EVERYONE,
    "meetings:minutes": EVERYONE,
    "meetings:minutes_pdf": EVERYONE,
    # A meeting's date, time and place, and each committee's calendar of them.
    "meetings:meeting_ics": EVERYONE,
    "meetings:committee_calendar": EVERYONE,
    # The invitation is a POST from the meeting's page.
    "admin:meetings/meeting/invite": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 405),
    # Project leads' pages. Another lead's commitment does not exist for them; the
    # secretariat reads every report form but does not fill it in.
    "leads:my_commitments": SIGNED_IN,
    "leads:commitment_update": (LOGIN, 404, 200, 200),
    # Evidence of a report not yet published: its lead and the secretariat only.
    "leads:evidence_download": (404, 404, 200, 200),
    # The read-only open-data API.
    "api:index": EVERYONE,
    "api:plans": EVERYONE,
    "api:plan": EVERYONE,
    "api:plan_commitments": EVERYONE,
    "api:plan_activities": EVERYONE,
    "api:plan_reports": EVERYONE,
    "api:plan_next_steps": EVERYONE,
    # A former address, moved for good.
    "api:plan_snapshots_moved": (REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "api:plan_decisions_moved": (REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "api:plan_irm": EVERYONE,
    "api:plan_revisions": EVERYONE,
    "api:plan_civil_society": EVERYONE,
    # The civil-society forum's pages: its members only (none of the cast is one);
    # the secretariat names members and corrects assessments in the admin.
    "civilsociety:my_assessments": (LOGIN, 403, 403, 403),
    "civilsociety:assessment_edit": (LOGIN, 403, 403, 403),
    # An assessment is public once saved, and so is its evidence.
    "civilsociety:assessment_evidence": EVERYONE,
    "commitments:self_assessment": EVERYONE,
    "commitments:plan_governance": EVERYONE,
    "commitments:plan_revisions": EVERYONE,
    "commitments:self_assessment_comment": EVERYONE,
    "commitments:self_assessment_pdf": EVERYONE,
    "commitments:self_assessment_docx": EVERYONE,
    "api:meetings": EVERYONE,
    "api:not_found": (404, 404, 404, 404),
    # Citizens' pages: signed-in leads and the secretariat are sent to their own.
    "participation:sign_up": (200, REDIRECT, REDIRECT, REDIRECT),
    "participation:verify": (LOGIN, REDIRECT, REDIRECT, REDIRECT),
    "participation:resend_verification": (LOGIN, 405, 405, 405),
    "participation:account": (LOGIN, REDIRECT, REDIRECT, REDIRECT),
    # Only a citizen asks, and deletes their own account.
    "participation:delete_account": (LOGIN, 403, 403, 403),
    "participation:ask": (LOGIN, 403, 403, 403),
    "participation:follow": EVERYONE,
    "participation:follow_confirm": EVERYONE,
    "participation:unsubscribe": EVERYONE,
    "commitments:follow_feed": EVERYONE,
    # The questions on the commitments one leads (every one, for the secretariat).
    "leads:questions": SIGNED_IN,
    "leads:answer": (LOGIN, 405, 405, 405),
    # Questions are moderated, never added or deleted in the admin.
    "admin:app_list:participation": STAFF,
    **{
        f"admin:participation/*/{kind}": STAFF
        for kind in ("changelist", "change", "history", "simple_history")
    },
    "admin:participation/*/add": STAFF_WITHOUT_PERMISSION,
    "admin:participation/*/delete": STAFF_WITHOUT_PERMISSION,
    "admin:participation/*/object": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT),
    **{f"admin:app_list:{app}": STAFF for app in TRACKER_APPS},
    # The secretariat manages accounts and lifts lockouts; groups and the
    # logs of sign-ins are for superusers.
    "admin:app_list:auth": STAFF,
    "admin:app_list:axes": STAFF,
    **{
        f"admin:{app}/*/{kind}": STAFF
        for app in TRACKER_APPS
        for kind in (
            "changelist",
            "add",
            "change",
            "delete",
            "history",
            "simple_history",
            "deleted",
        )
    },  # fmt: skip
    **{f"admin:{app}/*/{kind}": STAFF for app in SPREADSHEET_APPS for kind in ("import", "export")},
    # The meeting workspace: the secretariat's page for preparing and publishing a meeting.
    "admin:meetings/meeting/workspace": STAFF,
    # A plan's texts to translate, exported and imported back.
    "admin:commitments/actionplan/translations": STAFF,
    # The review queue only lists what leads submitted: nothing to add or delete there.
    "admin:commitments/reportawaitingreview/add": STAFF_WITHOUT_PERMISSION,
    "admin:commitments/reportawaitingreview/delete": STAFF_WITHOUT_PERMISSION,
    # Restoring a deleted row and running an import are POSTs only.
    **{
        f"admin:{app}/*/{kind}": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 405)
        for app in TRACKER_APPS
        for kind in ("restore",)
    },
    **{
        f"admin:{app}/*/process_import": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 405)
        for app in SPREADSHEET_APPS
    },
    **{
        f"admin:{app}/*/{kind}": STAFF_WITHOUT_PERMISSION
        for app in ACCOUNT_APPS
        for kind in ("changelist", "add", "change", "delete", "history")
    },
    # The secretariat sends a set-password link; it neither sets a password nor
    # deletes an account.
    "admin:auth/*/password_change": STAFF_WITHOUT_PERMISSION,
    **{f"admin:auth/user/{kind}": STAFF for kind in ("changelist", "add", "change", "history")},
    # A lockout is lifted by deleting its access attempt.
    **{
        f"admin:axes/accessattempt/{kind}": STAFF
        for kind in ("changelist", "change", "delete", "history")
    },
    # `<object id>/` only forwards to `<object id>/change/`, which checks permissions.
    **{
        f"admin:{app}/*/object": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT)
        for app in TRACKER_APPS + ACCOUNT_APPS
    },
}


# An empty POST (the test client skips the CSRF check) to the views that write
# with checks of their own, outside the admin's: a form shown again with its
# errors is a 200, a refusal must come before anything is written.
POST_EXPECTED = {
    "leads:commitment_update": (LOGIN, 404, 200, 403),
    "civilsociety:assessment_edit": (LOGIN, 403, 403, 403),
    # Another lead's question does not exist for them; an empty answer is refused.
    "leads:answer": (LOGIN, 404, 200, 200),
    # Back to the meeting's page, with how many were invited.
    "admin:meetings/meeting/invite": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT),
    # An empty page saves nothing: the workspace comes back with what is missing.
    "admin:meetings/meeting/workspace": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    # No file, nothing imported: the translations page comes back with the field's error.
    "admin:commitments/actionplan/translations": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    # Only a deleted record can be restored; this one still exists.
    **{
        f"admin:{app}/*/restore": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404)
        for app in TRACKER_APPS
    },
}


# ---------------------------------------------------------------------------
# The walker


class Case:
    """One pattern, the key it is expected under, and a concrete URL for it."""

    def __init__(self, key, pattern, url=None):
        self.key, self.pattern, self.url = key, pattern, url

    def __repr__(self):
        return f"{self.key} ({self.pattern})"


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            yield entry, prefix + str(entry.pattern), namespace


def registered_model_admin(entry, namespace):
    """The ModelAdmin behind an admin pattern: by its wrapper, else by its name."""
    model_admin = getattr(entry.callback, "model_admin", None)
    if model_admin is not None or namespace != "admin:" or not entry.name:
        return model_admin
    for model, candidate in admin.site._registry.items():
        if entry.name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return candidate
    return None


def admin_model_case(entry, pattern, model_admin):
    model = model_admin.model
    meta = model._meta
    prefix = f"{meta.app_label}_{meta.model_name}_"
    kind = entry.name.removeprefix(prefix) if entry.name else "object"
    # A model's own line, where it differs from its app's, wins.
    key = f"admin:{meta.app_label}/{meta.model_name}/{kind}"
    if key not in EXPECTED:
        key = f"admin:{meta.app_label}/*/{kind}"
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return Case(key, pattern)
    history = getattr(obj, "history", None)
    history_id = history.order_by("history_id").first().history_id if history else None
    arguments = {
        0: [],
        1: [history_id if kind == "restore" else obj.pk],
        2: [obj.pk, history_id],
    }.get(entry.pattern.regex.groups)
    if kind == "object":
        url = reverse(f"admin:{prefix}change", args=[obj.pk]).removesuffix("change/")
    elif arguments is None or None in arguments:
        return Case(key, pattern)
    else:
        url = reverse(f"admin:{entry.name}", args=arguments)
    return Case(key, pattern, url)


def url_builders(world):
    """Concrete URLs for the patterns that take arguments, from the test's rows."""
    owning_lead = world["owning_lead"]
    commitment = world["commitment"]
    plan = commitment.plan
    meeting = world["meeting"]
    return {
        "commitments:plan_dashboard": lambda: reverse(
            "commitments:plan_dashboard", args=[plan.number]
        ),
        "commitments:plan_feed": lambda: reverse("commitments:plan_feed", args=[plan.number]),
        "sitemap_section": lambda: reverse("sitemap_section", args=["commitments"]),
        "commitments:commitment_detail": lambda: reverse(
            "commitments:commitment_detail", args=[plan.number, commitment.number]
        ),
        "commitments:institution_detail": lambda: reverse(
            "commitments:institution_detail", args=[commitment.lead_institution_id]
        ),
        "commitments:plan_download": lambda: reverse(
            "commitments:plan_download", args=[plan.number, "commitments", "csv"]
        ),
        "meetings:minutes": lambda: reverse("meetings:minutes", args=[meeting.pk]),
        "leads:commitment_update": lambda: reverse("leads:commitment_update", args=[commitment.pk]),
        "leads:evidence_download": lambda: reverse(
            "leads:evidence_download", args=[world["draft_evidence"].pk]
        ),
        "meetings:minutes_pdf": lambda: reverse("meetings:minutes_pdf", args=[meeting.pk]),
        "meetings:meeting_ics": lambda: reverse("meetings:meeting_ics", args=[meeting.pk]),
        "meetings:committee_calendar": lambda: reverse(
            "meetings:committee_calendar", args=[meeting.committee_id]
        ),
        "api:plan": lambda: reverse("api:plan", args=[plan.number]),
        "api:plan_commitments": lambda: reverse("api:plan_commitments", args=[plan.number]),
        "api:plan_activities": lambda: reverse("api:plan_activities", args=[plan.number]),
        "api:plan_reports": lambda: reverse("api:plan_reports", args=[plan.number]),
        "api:plan_next_steps": lambda: reverse("api:plan_next_steps", args=[plan.number]),
        "api:plan_snapshots_moved": lambda: reverse("api:plan_snapshots_moved", args=[plan.number]),
        "api:plan_decisions_moved": lambda: reverse("api:plan_decisions_moved", args=[plan.number]),
        "api:plan_irm": lambda: reverse("api:plan_irm", args=[plan.number]),
        "api:plan_revisions": lambda: reverse("api:plan_revisions", args=[plan.number]),
        "api:plan_civil_society": lambda: reverse("api:plan_civil_society", args=[plan.number]),
        "civilsociety:assessment_edit": lambda: reverse(
            "civilsociety:assessment_edit", args=[commitment.pk]
        ),
        "civilsociety:assessment_evidence": lambda: reverse(
            "civilsociety:assessment_evidence", args=[world["assessment_evidence"].pk]
        ),
        "commitments:self_assessment_comment": lambda: reverse(
            "commitments:self_assessment_comment", args=[plan.number, "mid-term"]
        ),
        "commitments:plan_revisions": lambda: reverse(
            "commitments:plan_revisions", args=[plan.number]
        ),
        "commitments:plan_governance": lambda: reverse(
            "commitments:plan_governance", args=[plan.number]
        ),
        **{
            name: lambda name=name: reverse(name, args=[plan.number, "end-of-term"])
            for name in (
                "commitments:self_assessment",
                "commitments:self_assessment_pdf",
                "commitments:self_assessment_docx",
            )
        },
        "api:not_found": lambda: reverse("api:index") + "no-such-endpoint/",
        "participation:ask": lambda: reverse(
            "participation:ask", args=[plan.number, commitment.number]
        ),
        "participation:verify": lambda: reverse(
            "participation:verify",
            args=[tokens.verification(world["citizen"].user.pk, world["citizen"].user.email)],
        ),
        "participation:follow": lambda: reverse(
            "participation:follow", args=["commitment", commitment.pk]
        ),
        "participation:follow_confirm": lambda: reverse(
            "participation:follow_confirm", args=[tokens.confirmation(world["follow"].pk)]
        ),
        "participation:unsubscribe": lambda: reverse(
            "participation:unsubscribe", args=[tokens.unsubscription(world["follow"].pk)]
        ),
        "commitments:follow_feed": lambda: reverse(
            "commitments:follow_feed", args=["plan", plan.pk]
        ),
        "leads:answer": lambda: reverse("leads:answer", args=[world["question"].pk]),
        "password_reset_confirm": lambda: reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(owning_lead.pk)),
                "token": default_token_generator.make_token(owning_lead),
            },
        ),
        "admin:view_on_site": lambda: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(commitment).pk, commitment.pk],
        ),
        # The search behind the commitment form's "leads" field.
        "admin:autocomplete": lambda: (
            reverse("admin:autocomplete")
            + "?app_label=commitments&model_name=commitment&field_name=leads&term=lead"
        ),
        "admin:<(?P<url>.*)$>": lambda: reverse("admin:index") + "no-such-page/",
    }


def cases(world):
    builders = url_builders(world)
    for entry, pattern, namespace in walk(get_resolver().url_patterns):
        model_admin = registered_model_admin(entry, namespace)
        if model_admin is not None:
            yield admin_model_case(entry, pattern, model_admin)
        elif namespace == "admin:" and entry.name == "app_list":
            for app in sorted({model._meta.app_label for model in admin.site._registry}):
                yield Case(f"admin:app_list:{app}", pattern, reverse("admin:app_list", args=[app]))
        else:
            # Unnamed patterns go by their own text, e.g. "api:<^.*/$>".
            key = f"{namespace}{entry.name or f'<{entry.pattern}>'}"
            if key in builders:
                yield Case(key, pattern, builders[key]())
            elif entry.pattern.regex.groups:
                yield Case(key, pattern)
            elif entry.name:
                yield Case(key, pattern, reverse(key))
            elif not set("^$()<>[]*?+\\") & set(pattern):
                yield Case(key, pattern, "/" + pattern)
            else:
                yield Case(key, pattern)


# ---------------------------------------------------------------------------
# The world the walk happens in


@pytest.fixture
def world(db, settings, tmp_path, commitment, owning_lead, other_lead, secretariat):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(commitment)
    meeting = make_meeting(make_committee(plan=commitment.plan))
    make_report(commitment, meeting=meeting)
    draft = make_report(commitment, date=datetime.date(2020, 9, 1), status=ReportStatus.DRAFT)
    draft_evidence = make_evidence(draft)
    # The secretariat's review queue needs a report waiting in it.
    other_commitment = other_lead.led_commitments.get()
    make_report(other_commitment, date=datetime.date(2020, 9, 2), status=ReportStatus.SUBMITTED)
    meeting.participants.create(name="حاتم مورادي", order=1)
    meeting.agenda_items.create(order=1, title="تقدم الإنجاز")
    meeting.next_steps.create(order=1, text="برمجة لقاء")
    meeting.committee.memberships.create(name="حاتم مورادي", start_date=meeting.date)
    commitment.plan.progress_records.create(date="2025-03-18", percent=29)
    commitment.plan.axes.create(number=1, title="الشفافية والمشاركة")
    IRMAssessment.objects.create(
        commitment=commitment, report="design", report_date=datetime.date(2019, 5, 1)
    )
    today = timezone.localdate()
    report = SelfAssessmentReport.objects.create(
        plan=commitment.plan,
        kind="mid-term",
        comments_from=today,
        comments_until=today + datetime.timedelta(days=30),
    )
    report.comments.create(name="جمعية", text="ملاحظة")
    CommitmentDesign.objects.create(commitment=commitment, budget_planned=1000)
    revision = PlanRevision.objects.create(
        plan=commitment.plan,
        date=meeting.date,
        reason="المراجعة المرحلية",
        next_step=meeting.next_steps.get(),
    )
    revision.changes.create(commitment=commitment, change="withdrawn")
    forum = Forum.objects.create(name="منتدى المجتمع المدني")
    assessment = Assessment.objects.create(
        forum=forum,
        commitment=commitment,
        period_end=datetime.date(2020, 6, 30),
        percent=30,
        completion="limited",
        narrative="تقييم",
    )
    assessment_evidence = AssessmentEvidence(
        assessment=assessment, content_type="application/pdf", size=len(PDF_BYTES)
    )
    assessment_evidence.file.save("survey.pdf", ContentFile(PDF_BYTES), save=False)
    assessment_evidence.save()
    citizen = make_citizen()
    question = make_question(commitment, citizen)
    follow = Follow.objects.create(email="reader@example.org", plan=commitment.plan, language="ar")
    # One row behind every admin page, the accounts' and the lockout log's too.
    Group.objects.get_or_create(name="observers")
    seen = {"username": "someone", "ip_address": "192.0.2.10", "user_agent": "walker"}
    AccessAttempt.objects.create(failures_since_start=1, **seen)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(locked_out=False, **seen)
    return {
        "commitment": commitment,
        "activity": activity,
        "meeting": meeting,
        "draft_evidence": draft_evidence,
        "assessment_evidence": assessment_evidence,
        "owning_lead": owning_lead,
        "other_lead": other_lead,
        "secretariat": secretariat,
        "citizen": citizen,
        "question": question,
        "follow": follow,
    }


@pytest.fixture
def visitors(world):
    signed_in = {}
    for role in ROLES:
        signed_in[role] = Client()
        if role != "anonymous":
            signed_in[role].force_login(world[role])
    return signed_in


def outcome(response):
    if response.status_code not in (301, 302):
        return response.status_code
    target = urlsplit(response["Location"]).path
    if target == reverse("login"):
        return LOGIN
    if target == reverse("admin:login"):
        return ADMIN_LOGIN
    return REDIRECT


# ---------------------------------------------------------------------------
# The tests


@pytest.fixture
def walked(world, visitors):
    # After signing in: a login changes the user's password-reset tokens.
    with translation.override("ar"):
        return list(cases(world))


def test_walker_finds_the_site_the_admin_and_the_health_check(walked):
    keys = {case.key for case in walked}

    assert {"healthz", "login", "admin:index", "admin:commitments/*/change"} <= keys
    assert len(walked) > 100


def test_every_url_pattern_has_an_expectation(walked):
    missing = sorted(
        {f"{case.key}  ({case.pattern})" for case in walked if case.key not in EXPECTED}
    )

    assert missing == [], "URL patterns without an expectation in EXPECTED:\n" + "\n".join(missing)


def test_every_expectation_still_matches_a_pattern(walked):
    stale = sorted(set(EXPECTED) - {case.key for case in walked})

    assert stale == []


def test_every_url_pattern_can_be_requested(walked):
    unbuilt = sorted(str(case) for case in walked if case.url is None)

    assert unbuilt == [], "No concrete URL (add a builder or a row):\n" + "\n".join(unbuilt)


def test_every_url_answers_each_visitor_as_expected(walked, visitors):
    surprises = []

    for case in walked:
        if case.url is None or case.key not in EXPECTED:
            continue  # reported by the tests above
        for role, expected in zip(ROLES, EXPECTED[case.key], strict=True):
            got = outcome(visitors[role].get(case.url))
            if got != expected:
                surprises.append(f"{case.url} as {role}: expected {expected}, got {got}")

    assert surprises == [], "\n".join(surprises)


def test_every_write_answers_each_visitor_as_expected(walked, visitors):
    surprises = []
    posted = set()

    for case in walked:
        if case.key not in POST_EXPECTED:
            continue
        posted.add(case.key)
        for role, expected in zip(ROLES, POST_EXPECTED[case.key], strict=True):
            got = outcome(visitors[role].post(case.url, {}))
            if got != expected:
                surprises.append(f"POST {case.url} as {role}: expected {expected}, got {got}")

    assert (surprises, sorted(set(POST_EXPECTED) - posted)) == ([], [])
