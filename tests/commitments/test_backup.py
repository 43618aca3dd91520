"""Full backup and restore: export_all, flush, import_all gives back every row.

Compared: every concrete column of every tracker model, users and groups,
with each foreign key compared through the row it points to (so database
ids may differ), many-to-many links as sets, evidence by file content.
The change history is compared with each object named by where it first appears in
its history, so ids may differ there too. Not compared: database ids, and whether an
empty translation was stored as NULL or "" (a CSV cell cannot tell them apart; both
read as "not translated").
"""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import translation

from commitments.enums import ActivityStatus, ReportStatus, ReportVoice
from commitments.models import ActionPlan, ActivityChange, Axis, Commitment, Evidence, Institution
from commitments.roles import ensure_secretariat_group
from meetings.enums import CommitteeKind, ParticipantRole
from meetings.models import Meeting
from ogptracker.civilsociety.models import Assessment, AssessmentEvidence, Forum
from ogptracker.devdata.demo import load_seed_data
from ogptracker.ogpcycle.enums import RevisionChange
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
    SelfAssessmentComment,
    SelfAssessmentReport,
)
from ogptracker.publishing.minutes_search import search_minutes
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_plan,
    make_report,
    make_user,
)

TRACKER_APPS = ("commitments", "meetings", "ogpcycle")
CSRF = re.compile(rb'(?<=name="csrfmiddlewaretoken" )value="[^"]*"')


def tracker_models():
    return [
        model
        for app in TRACKER_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # history tables
    ]


class Rows:
    """Every row as plain values, foreign keys replaced by the row they point to."""

    def __init__(self):
        self.memo = {}

    def of(self, obj):
        if obj is None:
            return None
        key = (type(obj), obj.pk)
        if key not in self.memo:
            self.memo[key] = self.build(obj)
        return self.memo[key]

    def build(self, obj):
        if isinstance(obj, get_user_model()):
            return ("user", obj.username)
        values = []
        for field in obj._meta.concrete_fields:
            if field.primary_key:
                continue
            if isinstance(field, models.ForeignKey):
                values.append((field.name, self.of(getattr(obj, field.name))))
            elif isinstance(field, models.FileField):
                file = getattr(obj, field.name)
                file.open("rb")
                values.append((field.name, file.read()))
                file.close()
            elif isinstance(field, models.CharField | models.TextField) and field.null:
                # An empty cell: NULL and "" both mean "not translated" and restore as NULL.
                values.append((field.name, getattr(obj, field.attname) or None))
            else:
                values.append((field.name, getattr(obj, field.attname)))
        for field in obj._meta.many_to_many:
            linked = sorted(repr(self.of(other)) for other in getattr(obj, field.name).all())
            values.append((field.name, tuple(linked)))
        return tuple(values)


def history_tables():
    return [
        model
        for app in TRACKER_APPS
        for model in apps.get_app_config(app).get_models()
        if hasattr(model, "instance_type")
    ]


def history_rows():
    """Every history row as plain values: people by username, each tracker object by
    its model and the history_id of its first history row."""
    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    first_seen = {}
    for history in history_tables():
        tracked = history.instance_type
        for history_id, pk in history.objects.order_by("pk").values_list("pk", "id"):
            first_seen.setdefault((tracked, pk), (tracked.__name__, history_id))
    tables = {}
    for history in history_tables():
        rows = []
        for record in history.objects.order_by("pk"):
            row = []
            for field in history._meta.concrete_fields:
                value = getattr(record, field.attname)
                if field.is_relation and field.related_model is get_user_model():
                    value = usernames.get(value)
                elif field.is_relation and not hasattr(field.related_model, "instance_type"):
                    value = first_seen.get((field.related_model, value), value)
                elif field.name == "id":
                    value = first_seen[(history.instance_type, value)]
                elif isinstance(field, models.CharField | models.TextField) and field.null:
                    value = value or None
                row.append((field.name, value))
            rows.append(tuple(row))
        tables[history._meta.label] = rows
    return tables


def database_rows():
    rows = Rows()
    tables = {
        model._meta.label: sorted(repr(rows.of(obj)) for obj in model.objects.all())
        for model in tracker_models()
    }
    tables["users"] = sorted(
        (
            u.username, u.first_name, u.last_name, u.email, u.password, u.is_active,
            u.is_staff, u.is_superuser, u.date_joined, u.last_login,
            tuple(sorted(g.name for g in u.groups.all())),
        )
        for u in get_user_model().objects.all()
    )  # fmt: skip
    tables["groups"] = sorted(
        (g.name, tuple(sorted(p.codename for p in g.permissions.all())))
        for g in Group.objects.all()
    )
    return tables


def make_tracker(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    lead = make_user("hatim", secretariat=False, first_name="حاتم", email="h@example.org")
    clerk = make_user("clerk", secretariat=True)
    Group.objects.create(name="observers")
    lead.groups.add(Group.objects.get(name="observers"))
    plan = make_plan(1, title_fr="Plan d'action national 2018-2020", summary_en="First plan")
    other_plan = make_plan(2)
    axis = Axis.objects.create(plan=plan, number=1, title="الشفافية", title_fr="Transparence")
    institution = Institution.objects.create(name="وزارة العدل", acronym="MJ", name_fr="Justice")
    first = make_commitment(
        plan=plan,
        number=1,
        ogp_id="MO0001",
        axis=axis,
        lead_institution=institution,
        title_fr="Accès à l'information",
        description="=وصف يبدأ بعلامة",
        access_to_information=True,
        start_date=datetime.date(2018, 9, 1),
    )
    first.leads.add(lead)
    second = make_commitment(plan=plan, number=2, lead_institution=institution)
    make_commitment(plan=other_plan, number=1, title="الالتزام الأول للخطة الثانية")
    activity = make_activity(first, number=1, weight=30, note_fr="Note")
    second_activity = make_activity(first, number=2)
    execution = make_committee(plan=plan, kind=CommitteeKind.EXECUTION, name_fr="Comité")
    steering = make_committee(plan=None, kind=CommitteeKind.STEERING)
    june = make_meeting(
        execution,
        date=datetime.date(2020, 6, 17),
        sequence=2,
        start_time=datetime.time(14, 0),
        place="عن بعد",
    )
    october = make_meeting(execution, date=datetime.date(2020, 10, 1))
    make_meeting(steering, date=datetime.date(2025, 3, 18))
    chair = june.participants.create(
        name="حاتم مورادي", order=1, user=lead, role=ParticipantRole.PROJECT_LEAD, honorific="mr"
    )
    chair.commitments.set([first, second])
    june.participants.create(
        name="هدى بويهي", order=2, function_fr="Cheffe de projet", attendance="excused"
    )
    member = execution.memberships.create(
        name="حاتم مورادي",
        user=lead,
        role=ParticipantRole.PROJECT_LEAD,
        organisation_fr="Ministère",
        start_date=datetime.date(2020, 6, 17),
        end_date=datetime.date(2021, 6, 30),
    )
    member.commitments.set([first])
    june.agenda_items.create(order=1, title="تقدم الإنجاز", bullets="أ\nب")
    step = june.next_steps.create(
        order=1, text="برمجة لقاء", closed_at=october, due_date=datetime.date(2020, 9, 30)
    )
    revision = PlanRevision.objects.create(
        plan=plan, date=datetime.date(2020, 7, 1), reason="المراجعة المرحلية", next_step=step
    )
    CommitmentRevision.objects.create(
        revision=revision, commitment=second, change=RevisionChange.MERGED, merged_into=first
    )
    CommitmentRevision.objects.create(
        revision=revision,
        commitment=first,
        change=RevisionChange.RESCHEDULED,
        revised_end=datetime.date(2021, 6, 30),
    )
    CommitmentDesign.objects.create(
        commitment=first,
        objective="=نشر المعطيات",
        objective_fr="Publier les données",
        budget_planned=1500000,
        sdg_targets="16.6, 16.10",
        actors_civil_society="جمعيات",
    )
    published = make_report(
        first,
        percent=65,
        meeting=june,
        author=clerk,
        narrative="-النشاط 1: لا تغيير",
        platform_status="yes",
        published_at=datetime.datetime(2020, 6, 18, 9, 0, tzinfo=datetime.UTC),
    )
    published.activity_changes.create(
        activity=activity,
        status=ActivityStatus.IN_PROGRESS,
        status_before=ActivityStatus.PLANNED,
        made_at=datetime.datetime(2020, 6, 18, 9, 0, tzinfo=datetime.UTC),
    )
    draft = make_report(first, percent=70, status=ReportStatus.DRAFT, no_progress=True)
    draft.activity_changes.create(
        activity=second_activity,
        status=ActivityStatus.POSTPONED,
        revised_end=datetime.date(2021, 3, 31),
    )
    make_report(second, percent=100, date=datetime.date(2020, 10, 1))
    evidence = Evidence(
        report=published,
        description="محضر",
        content_type="application/pdf",
        size=4,
        uploaded_by=clerk,
    )
    evidence.file.save("minutes.pdf", ContentFile(b"%PDF"), save=False)
    evidence.save()
    plan.progress_records.create(date=datetime.date(2020, 6, 17), percent=29, meeting=june)
    report = SelfAssessmentReport.objects.create(
        plan=plan, kind="end-of-term", published_on=datetime.date(2020, 12, 1)
    )
    for name in ("سلمى", "سلمى"):  # The same reader twice: two comments.
        SelfAssessmentComment.objects.create(report=report, name=name, text="@SUM(A1) ملاحظة")
    IRMAssessment.objects.create(
        commitment=first,
        report="implementation",
        report_date=datetime.date(2021, 3, 1),
        completion="substantial",
        early_results="marginal",
        starred=True,
    )
    # Civil society: a forum, its assessment with evidence, a co-lead's report.
    forum = Forum.objects.create(name="منتدى المجتمع المدني")
    forum.members.add(lead)
    assessment = Assessment.objects.create(
        forum=forum,
        commitment=first,
        period_end=datetime.date(2020, 6, 30),
        percent=40,
        completion="limited",
        narrative="=تقييم يبدأ بعلامة",
        recorded_by=lead,
    )
    attached = AssessmentEvidence(
        assessment=assessment, content_type="application/pdf", size=4, uploaded_by=lead
    )
    attached.file.save("survey.pdf", ContentFile(b"%PDF"), save=False)
    attached.save()
    second.co_leads.add(lead)
    make_report(second, percent=60, date=datetime.date(2020, 9, 1), voice=ReportVoice.CIVIL_SOCIETY)
    return first


def make_tracker_with_a_past(settings, tmp_path):
    """The test tracker, after some edits and a commitment created then deleted."""
    first = make_tracker(settings, tmp_path)
    gone = make_commitment(plan=first.plan, number=9, title="التزام حذف")
    gone.leads.add(get_user_model().objects.get(username="clerk"))
    make_activity(gone, number=1)
    gone.delete()
    first.title = "الحق في الحصول على المعلومات"
    first._change_reason = "تصحيح العنوان"
    first.save()
    first.leads.add(get_user_model().objects.get(username="clerk"))
    return first


@pytest.mark.django_db(transaction=True)
def test_backup_round_trip_through_a_flushed_database_restores_every_row(settings, tmp_path):
    make_tracker(settings, tmp_path)
    before = database_rows()
    backup = tmp_path / "backup"
    # Found by its agenda item, through the words the database keeps for it.
    minutes_found = [meeting.date for meeting in search_minutes("الإنجاز")]
    assert minutes_found == [datetime.date(2020, 6, 17)]

    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    assert Institution.objects.count() == 0
    call_command("import_all", str(backup))

    assert database_rows() == before
    assert [meeting.date for meeting in search_minutes("الإنجاز")] == minutes_found


@pytest.mark.django_db(transaction=True)
def test_backup_manifest_gives_format_version_and_counts(settings, tmp_path):
    make_tracker(settings, tmp_path)

    call_command("export_all", str(tmp_path / "backup"))

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert (manifest["format"], manifest["version"]) == ("ogptracker-backup", 1)
    counts = {entry["name"]: entry["rows"] for entry in manifest["files"]}
    assert counts == {
        "groups.csv": 2, "users.csv": 2, "institutions.csv": 2, "action_plans.csv": 2,
        "axes.csv": 1, "committees.csv": 2, "meetings.csv": 3, "commitments.csv": 3,
        "activities.csv": 2, "progress_snapshots.csv": 4, "plan_progress.csv": 1,
        "participants.csv": 2, "memberships.csv": 1, "agenda_items.csv": 1,
        "next_steps.csv": 1, "irm_assessments.csv": 1, "self_assessment_reports.csv": 1,
        "plan_revisions.csv": 1, "commitment_revisions.csv": 2, "commitment_designs.csv": 1,
        "self_assessment_comments.csv": 2,
        "forums.csv": 1, "assessments.csv": 1, "assessment_evidence.csv": 1,
        "evidence.csv": 1,
        "activity_changes.csv": 2, "review_comments.csv": 0, "row_ids.csv": 35,
        "history/historicalinstitution.csv": 2, "history/historicalactionplan.csv": 2,
        "history/historicalaxis.csv": 1, "history/historicalplanprogress.csv": 1,
        "history/historicalactivity.csv": 2, "history/historicalprogressreport.csv": 4,
        "history/historicalcommitment.csv": 5, "history/historicalcommitment_leads.csv": 1,
        "history/historicalcommitment_co_leads.csv": 1,
        "history/historicalcommittee.csv": 2, "history/historicalparticipant.csv": 2,
        "history/historicalmeeting.csv": 3, "history/historicalagendaitem.csv": 1,
        "history/historicalnextstep.csv": 1, "history/historicalmembership.csv": 1,
        "history/historicalirmassessment.csv": 1,
        "history/historicalselfassessmentreport.csv": 1,
        "history/historicalplanrevision.csv": 1, "history/historicalcommitmentrevision.csv": 2,
        "history/historicalcommitmentdesign.csv": 1,
        "history/historicalselfassessmentcomment.csv": 2,
        "history/historicalforum.csv": 2, "history/historicalforum_members.csv": 1,
        "history/historicalassessment.csv": 1,
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_import_all_refuses_a_database_with_data_unless_replace(settings, tmp_path):
    make_tracker(settings, tmp_path)
    before = database_rows()
    call_command("export_all", str(tmp_path / "backup"))

    with pytest.raises(CommandError, match="قاعدة البيانات تحتوي سلفا على معطيات التتبع"):
        call_command("import_all", str(tmp_path / "backup"))
    call_command("import_all", str(tmp_path / "backup"), replace=True)

    assert database_rows() == before


@pytest.mark.django_db(transaction=True)
def test_backup_round_trip_keeps_the_history_of_live_and_deleted_objects(settings, tmp_path):
    make_tracker_with_a_past(settings, tmp_path)
    before = history_rows()
    backup = tmp_path / "backup"
    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    make_plan(7).delete()  # Ids after the flush no longer follow the backup's.

    call_command("import_all", str(backup))
    after = history_rows()
    # A commitment created after the restore starts a history of its own.
    made_after = make_commitment(plan=first_plan(), number=3)

    assert after == before
    assert made_after.history.count() == 1
    deleted = Commitment.history.get(number=9, history_type="-")
    assert (deleted.title, deleted.history_user) == ("التزام حذف", None)
    assert deleted.id not in Commitment.objects.values_list("pk", flat=True)


def stored_files(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


def first_plan():
    return ActionPlan.objects.get(number=1)


def flushed_backup(settings, tmp_path):
    """A backup of the test tracker, taken before the database was emptied."""
    make_tracker(settings, tmp_path)
    backup = tmp_path / "backup"
    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    return backup


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "cell", "bad", "where"),
    [
        ("progress_snapshots.csv", ",70,", ",120,", "progress_snapshots.csv:3 [percent]"),
        ("activity_changes.csv", ",postponed,", ",finished,", "activity_changes.csv:3 [status]"),
    ],
)
def test_import_all_with_a_bad_row_restores_nothing_and_says_where(
    settings, tmp_path, name, cell, bad, where
):
    backup = flushed_backup(settings, tmp_path)
    path = backup / name
    path.write_text(path.read_text(encoding="utf-8").replace(cell, bad, 1), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_all", str(backup))

    assert where in str(raised.value)
    assert [model.objects.count() for model in tracker_models()] == [0] * len(tracker_models())


@pytest.mark.django_db(transaction=True)
def test_backup_written_before_the_history_was_kept_restores_with_a_new_history(settings, tmp_path):
    backup = flushed_backup(settings, tmp_path)
    (backup / "row_ids.csv").unlink()
    for path in (backup / "history").iterdir():
        path.unlink()
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"] = [
        f for f in manifest["files"] if f["name"] != "row_ids.csv" and "/" not in f["name"]
    ]
    (backup / "manifest.json").write_text(json.dumps(manifest))

    call_command("import_all", str(backup))

    # The history the restore wrote: the three commitments as restored, nothing before.
    assert set(Commitment.history.values_list("id", flat=True)) == set(
        Commitment.objects.values_list("pk", flat=True)
    )
    assert Commitment.objects.count() == 3
    assert not Commitment.history.filter(history_type="-").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("history/historicalcommitment.csv", ",~,", ",?,"),
            "history/historicalcommitment.csv:3 [history_type]: القيمة '?' ليست خيارا صحيحاً.",
        ),
        (
            ("history/historicalcommitment_leads.csv", ",clerk,", ",nobody,"),
            "history/historicalcommitment_leads.csv:3 [user]: لا يوجد مستخدم بهذا الاسم.",
        ),
        (
            ("row_ids.csv", "action_plans.csv,", "axes.csv,"),
            "row_ids.csv: يعطي 2 معرّفات للملف axes.csv الذي فيه 1 صفوف.",
        ),
    ],
)
def test_import_all_with_a_bad_history_restores_nothing_and_says_why_in_arabic(
    settings, tmp_path, change, message
):
    make_tracker_with_a_past(settings, tmp_path)
    backup = tmp_path / "backup"
    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    name, cell, bad = change
    path = backup / name
    path.write_text(path.read_text(encoding="utf-8").replace(cell, bad, 1), encoding="utf-8")

    files_before = stored_files(tmp_path / "media")

    with translation.override("ar"), pytest.raises(CommandError) as raised:
        call_command("import_all", str(backup))

    assert message in str(raised.value)
    assert "لم تتم استعادة أي شيء." in str(raised.value)
    assert [model.objects.count() for model in tracker_models() + history_tables()] == [0] * (
        len(tracker_models()) + len(history_tables())
    )
    assert stored_files(tmp_path / "media") == files_before


@pytest.mark.django_db(transaction=True)
def test_backup_written_before_activity_changes_existed_still_restores(settings, tmp_path):
    backup = flushed_backup(settings, tmp_path)
    (backup / "activity_changes.csv").unlink()
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"] = [f for f in manifest["files"] if f["name"] != "activity_changes.csv"]
    (backup / "manifest.json").write_text(json.dumps(manifest))

    call_command("import_all", str(backup))

    assert (Institution.objects.count(), ActivityChange.objects.count()) == (2, 0)


@pytest.mark.django_db(transaction=True)
def test_backup_written_before_revisions_and_template_fields_existed_still_restores(
    settings, tmp_path
):
    backup = flushed_backup(settings, tmp_path)
    later = {
        "plan_revisions.csv": "historicalplanrevision",
        "commitment_revisions.csv": "historicalcommitmentrevision",
        "commitment_designs.csv": "historicalcommitmentdesign",
        "self_assessment_comments.csv": "historicalselfassessmentcomment",
    }
    gone = set(later) | {f"history/{name}.csv" for name in later.values()}
    for name in gone:
        (backup / name).unlink()
    row_ids = (backup / "row_ids.csv").read_text().splitlines(keepends=True)
    kept = [line for line in row_ids if line.split(",")[0] not in later]
    (backup / "row_ids.csv").write_text("".join(kept))
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"] = [f for f in manifest["files"] if f["name"] not in gone]
    for entry in manifest["files"]:
        if entry["name"] == "row_ids.csv":
            entry["rows"] = len(kept) - 1
    (backup / "manifest.json").write_text(json.dumps(manifest))

    call_command("import_all", str(backup))

    assert (Commitment.objects.count(), PlanRevision.objects.count()) == (3, 0)
    assert (CommitmentDesign.objects.count(), SelfAssessmentComment.objects.count()) == (0, 0)


def minutes_pages(client):
    """Each published meeting's minutes page, by natural key, the CSRF token blanked.

    The token is masked anew on every response, so it alone would differ
    between two requests of the same page.
    """
    pages = {}
    for meeting in Meeting.objects.published().select_related("committee__plan"):
        html = client.get(f"/ar/meetings/{meeting.pk}/").content
        plan = meeting.committee.plan.number if meeting.committee.plan else None
        pages[(meeting.committee.kind, plan, meeting.date)] = CSRF.sub(b'value="-"', html)
    return pages


@pytest.mark.django_db(transaction=True)
def test_backup_round_trip_of_the_seed_data_keeps_rows_and_minutes_pages(client, tmp_path):
    load_seed_data()
    # A restore gives the secretariat the permissions the code defines; so does migrate.
    ensure_secretariat_group()
    rows_before = database_rows()
    pages_before = minutes_pages(client)
    backup = tmp_path / "backup"

    call_command("export_all", str(backup))
    call_command("flush", interactive=False)
    call_command("import_all", str(backup))

    assert database_rows() == rows_before
    assert len(pages_before) == 2
    assert minutes_pages(client) == pages_before
