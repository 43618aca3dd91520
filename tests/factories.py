"""Small plain factories for tests: each creates one row with sensible defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ActionPlan, Activity, Commitment, Institution, ProgressReport
from commitments.roles import SECRETARIAT_GROUP, ensure_secretariat_group
from meetings.enums import CommitteeKind
from meetings.models import Committee, Meeting

_counter = itertools.count(1)


def make_user(username=None, *, secretariat=False, **fields):
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, password="correct-horse-battery", **fields
    )
    if secretariat:
        ensure_secretariat_group()
        user.groups.add(user.groups.model.objects.get(name=SECRETARIAT_GROUP))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def make_institution(name="وزارة الانتقال الرقمي وإصلاح الإدارة", **fields):
    return Institution.objects.create(name=name, **fields)


def make_plan(number=None, **fields):
    number = number or next(_counter)
    fields.setdefault("title", f"خطة العمل الوطنية {number}")
    fields.setdefault("start", datetime.date(2018, 8, 1))
    fields.setdefault("planned_end", datetime.date(2020, 8, 31))
    return ActionPlan.objects.create(number=number, **fields)


def make_commitment(plan=None, number=None, **fields):
    plan = plan or make_plan()
    number = number or next(_counter)
    fields.setdefault("title", f"الالتزام {number}")
    if "lead_institution" not in fields:
        fields["lead_institution"] = make_institution()
    return Commitment.objects.create(plan=plan, number=number, **fields)


def make_activity(commitment=None, number=None, **fields):
    commitment = commitment or make_commitment()
    number = number or next(_counter)
    fields.setdefault("title", f"النشاط {number}")
    return Activity.objects.create(commitment=commitment, number=number, **fields)


def make_report(commitment=None, percent=50, **fields):
    commitment = commitment or make_commitment()
    fields.setdefault("date", datetime.date(2020, 6, 17))
    fields.setdefault("status", ReportStatus.PUBLISHED)
    return ProgressReport.objects.create(commitment=commitment, percent=percent, **fields)


def make_committee(plan=None, kind=CommitteeKind.EXECUTION, **fields):
    fields.setdefault("name", "لجنة التنفيذ" if kind == CommitteeKind.EXECUTION else "لجنة الإشراف")
    return Committee.objects.create(plan=plan, kind=kind, **fields)


def make_meeting(committee=None, **fields):
    committee = committee or make_committee()
    fields.setdefault("date", datetime.date(2020, 6, 17))
    fields.setdefault("status", MeetingStatus.PUBLISHED)
    return Meeting.objects.create(committee=committee, **fields)


def make_participant(meeting=None, name="حاتم مورادي", **fields):
    meeting = meeting or make_meeting()
    fields.setdefault("order", next(_counter))
    return meeting.participants.create(name=name, **fields)


def make_agenda_item(meeting=None, title="تقدم إنجاز الأنشطة", **fields):
    meeting = meeting or make_meeting()
    fields.setdefault("order", next(_counter))
    return meeting.agenda_items.create(title=title, **fields)


def make_next_step(meeting=None, text="برمجة لقاء لتدارس المقترح", **fields):
    meeting = meeting or make_meeting()
    fields.setdefault("order", next(_counter))
    return meeting.next_steps.create(text=text, **fields)


# The first bytes are what evidence checks look at; the rest is a minimal valid PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_evidence(report, name="rapport.pdf", content=PDF_BYTES, **fields):
    from django.core.files.base import ContentFile

    from commitments.models import Evidence

    fields.setdefault("content_type", "application/pdf")
    return Evidence.objects.create(
        report=report, file=ContentFile(content, name=name), size=len(content), **fields
    )


def make_citizen(name="سلمى العلوي", *, verified=True, language="ar", **fields):
    from django.utils import timezone

    from ogptracker.participation.models import Citizen

    email = fields.pop("email", f"citizen{next(_counter)}@example.org")
    user = get_user_model().objects.create_user(
        username=email, email=email, password="correct-horse-battery"
    )
    return Citizen.objects.create(
        user=user,
        name=name,
        language=language,
        email_verified_at=timezone.now() if verified else None,
        **fields,
    )


def make_question(commitment=None, citizen=None, text="متى ستنشر البوابة؟", **fields):
    from django.utils import timezone

    from ogptracker.participation.enums import QuestionStatus
    from ogptracker.participation.models import Question

    commitment = commitment or make_commitment()
    citizen = citizen or make_citizen()
    fields.setdefault("status", QuestionStatus.PUBLISHED)
    if fields["status"] == QuestionStatus.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Question.objects.create(
        commitment=commitment,
        author=citizen.user,
        author_name=citizen.name,
        text=text,
        language="ar",
        **fields,
    )
