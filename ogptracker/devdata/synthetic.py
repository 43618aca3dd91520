"""Synthetic action plans for load tests: many plans, their commitments, progress
reports and committee minutes, written with bulk inserts.

Each plan has an execution committee that meets once per report round (its
minutes' status table is that round's reports) and a steering committee that
meets every fourth round and records the plan's overall progress. The same seed
on the same database gives the same rows.
"""

import datetime
import random
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from commitments.enums import (
    ActivityStatus,
    MeetingStatus,
    PlanStatus,
    PlatformStatus,
    ReportStatus,
)
from commitments.models import (
    ActionPlan,
    Activity,
    Axis,
    Commitment,
    Institution,
    PlanProgress,
    ProgressReport,
)
from meetings.enums import (
    CommitteeKind,
    MeetingFormat,
    NextStepStatus,
    ParticipantRole,
)
from meetings.models import AgendaItem, Committee, Meeting, NextStep, Participant
from ogptracker.pagecache import data_changed

from . import synthetic_words as words

BATCH = 2000
LANGS = ("ar", "fr", "en")
# Reports still being written or reviewed, newer than the latest published one.
UNPUBLISHED = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED)


def translated(name: str, triple: Sequence[str], **values: object) -> dict[str, str]:
    """{"title_ar": …, "title_fr": …, "title_en": …} from an (ar, fr, en) triple."""
    return {
        f"{name}_{lang}": text.format(**values) for lang, text in zip(LANGS, triple, strict=True)
    }


def joined(*triples: Sequence[str], sep: str = " ") -> tuple[str, ...]:
    return tuple(sep.join(parts) for parts in zip(*triples, strict=True))


@dataclass
class Counts:
    plans: int = 0
    commitments: int = 0
    activities: int = 0
    published: int = 0
    unpublished: int = 0
    meetings: int = 0
    participants: int = 0
    agenda_items: int = 0
    next_steps: int = 0
    plan_progress: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.plans} plans, {self.commitments} commitments, {self.activities} activities, "
            f"{self.published} published and {self.unpublished} unpublished reports, "
            f"{self.meetings} meetings, {self.participants} participants, "
            f"{self.agenda_items} agenda items, {self.next_steps} next steps, "
            f"{self.plan_progress} plan progress points in {self.seconds:.1f} s"
        )


@dataclass
class PlanDraft:
    """One plan's rows before insertion, linked by Python references."""

    plan: ActionPlan
    country_code: str
    axes: list = field(default_factory=list)
    committees: dict = field(default_factory=dict)
    rounds: list = field(default_factory=list)  # execution meetings, oldest first
    steering: list = field(default_factory=list)
    leads: list = field(default_factory=list)  # (commitment, user, honorific)


class SyntheticData:
    def __init__(self, plans, commitments, reports, seed=None, today=None):
        if min(plans, commitments, reports) < 1:
            raise ValueError("plans, commitments and reports must be at least 1")
        self.n_plans, self.n_commitments, self.n_reports = plans, commitments, reports
        self.rng = random.Random(seed)
        self.today = today or datetime.date.today()
        self.counts = Counts()

    def generate(self) -> Counts:
        started = time.perf_counter()
        with transaction.atomic():
            first_number = (ActionPlan.objects.aggregate(n=Max("number"))["n"] or 0) + 1
            self.user_prefix = self._user_prefix()
            self.institutions = self._institutions()
            drafts = [self._plan(first_number + i) for i in range(self.n_plans)]
            self._insert_plans(drafts)
            for draft in drafts:
                self._commitments(draft)
            self._flush()
            # Bulk inserts send no model signals.
            data_changed()
        self.counts.seconds = time.perf_counter() - started
        return self.counts

    def _user_prefix(self):
        prefix = f"lead-{self.rng.getrandbits(32):08x}"
        if get_user_model().objects.filter(username__startswith=prefix).exists():
            # Same seed run again over leftovers of an earlier run: stay unique, not repeatable.
            prefix = f"lead-{secrets.token_hex(4)}"
        return prefix

    # Reference rows shared by every generated plan.

    def _institutions(self):
        pool = []
        for name_ar, name_fr, acronym, kind in words.INSTITUTIONS:
            institution = Institution.objects.filter(name_ar=name_ar).first()
            if institution is None:
                institution = Institution.objects.create(
                    name_ar=name_ar, name_fr=name_fr, acronym=acronym, kind=kind
                )
            pool.append(institution)
        return pool

    # Plans, axes, committees and meetings.

    def _plan(self, number):
        rng = self.rng
        country = rng.choice(words.COUNTRIES)
        start = datetime.date(rng.randint(2012, 2024), rng.choice((1, 7, 9)), 1)
        planned_end = start.replace(year=start.year + 2) - datetime.timedelta(days=1)
        revised_end = planned_end + datetime.timedelta(days=183) if rng.random() < 0.25 else None
        end = revised_end or planned_end
        if end < self.today:
            status = PlanStatus.CLOSED
        elif revised_end:
            status = PlanStatus.EXTENDED
        else:
            status = PlanStatus.ACTIVE
        period = f"{start.year}-{planned_end.year}"
        plan = ActionPlan(
            number=number,
            start=start,
            planned_end=planned_end,
            revised_end=revised_end,
            status=status,
            **translated(
                "title",
                (
                    f"خطة العمل الوطنية للحكومة المنفتحة {period} — {country[0]}",
                    f"Plan d'action national pour un gouvernement ouvert {period} — {country[1]}",
                    f"Open Government national action plan {period} — {country[2]}",
                ),
            ),
            **translated(
                "summary",
                (
                    "خطة عمل وطنية تضم {n} التزاما.",
                    "Plan d'action national de {n} engagements.",
                    "National action plan of {n} commitments.",
                ),
                n=self.n_commitments,
            ),
        )
        draft = PlanDraft(plan=plan, country_code=country[3])
        for axis_number, axis in enumerate(rng.sample(words.AXES, rng.randint(3, 5)), start=1):
            draft.axes.append(Axis(number=axis_number, **translated("title", axis)))

        for kind, name in (
            (
                CommitteeKind.EXECUTION,
                ("لجنة التنفيذ", "Comité d'exécution", "Execution committee"),
            ),
            (CommitteeKind.STEERING, ("لجنة الإشراف", "Comité de pilotage", "Steering committee")),
        ):
            draft.committees[kind] = Committee(kind=kind, **translated("name", name))

        # Rounds spread from six weeks after the start to the end, or today for a running plan.
        first = start + datetime.timedelta(days=45)
        last = max(min(end, self.today), first + datetime.timedelta(days=self.n_reports))
        step = (last - first) / max(self.n_reports - 1, 1)
        for index in range(self.n_reports):
            day = first + step * index
            draft.rounds.append(self._meeting(CommitteeKind.EXECUTION, index + 1, day))
        for index, execution in enumerate(draft.rounds[3::4], start=1):
            day = execution.date + datetime.timedelta(days=7)
            draft.steering.append(self._meeting(CommitteeKind.STEERING, index, day))
        return draft

    def _meeting(self, kind, sequence, day):
        rng = self.rng
        meeting_format = rng.choice(list(MeetingFormat))
        committee = (
            ("لجنة التنفيذ", "du comité d'exécution", "of the execution committee")
            if kind == CommitteeKind.EXECUTION
            else ("لجنة الإشراف", "du comité de pilotage", "of the steering committee")
        )
        meeting = Meeting(
            sequence=sequence,
            date=day,
            start_time=datetime.time(rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 30))),
            format=meeting_format,
            status=MeetingStatus.PUBLISHED,
            **translated(
                "title",
                (
                    f"الاجتماع رقم {sequence} ل{committee[0]}",
                    f"Réunion n° {sequence} {committee[1]}",
                    f"Meeting no. {sequence} {committee[2]}",
                ),
            ),
        )
        if meeting_format != MeetingFormat.REMOTE:
            meeting.place_ar, meeting.place_fr = "مقر الوزارة، الرباط", "Siège du ministère, Rabat"
        return meeting

    def _insert_plans(self, drafts):
        ActionPlan.objects.bulk_create([d.plan for d in drafts], batch_size=BATCH)
        axes, committees = [], []
        for draft in drafts:
            for axis in draft.axes:
                axis.plan = draft.plan
                axes.append(axis)
            for committee in draft.committees.values():
                committee.plan = draft.plan
                committees.append(committee)
        Axis.objects.bulk_create(axes, batch_size=BATCH)
        Committee.objects.bulk_create(committees, batch_size=BATCH)
        meetings = []
        for draft in drafts:
            for kind, rows in (
                (CommitteeKind.EXECUTION, draft.rounds),
                (CommitteeKind.STEERING, draft.steering),
            ):
                for meeting in rows:
                    meeting.committee = draft.committees[kind]
                    meetings.append(meeting)
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.counts.plans += len(drafts)
        self.counts.meetings += len(meetings)
        self._pending = {
            "commitments": [],
            "leads": [],
            "activities": [],
            "reports": [],
            "participants": [],
            "participations": [],
            "agenda": [],
            "steps": [],
            "progress": [],
        }

    # Commitments and everything hanging from them, one plan at a time.

    def _commitments(self, draft):
        rng = self.rng
        plan = draft.plan
        # Percent of each commitment after each round, to total the plan at steering meetings.
        trajectories = []
        chair = self._person()
        for number in range(1, self.n_commitments + 1):
            title = joined(
                rng.choice(words.ACTIONS), rng.choice(words.OBJECTS), rng.choice(words.SCOPES)
            )
            values = rng.sample(
                [
                    "access_to_information",
                    "civic_participation",
                    "public_accountability",
                    "technology_innovation",
                ],
                rng.randint(1, 3),
            )
            start = plan.start + datetime.timedelta(days=rng.randint(0, 120))
            end = plan.planned_end - datetime.timedelta(days=rng.randint(0, 120))
            commitment = Commitment(
                plan=plan,
                number=number,
                ogp_id=f"{draft.country_code}{plan.number:05d}{number:03d}",
                axis=rng.choice(draft.axes),
                lead_institution=rng.choice(self.institutions),
                start_date=start,
                end_date=end,
                contact=f"contact{number}@example.org",
                **{value: True for value in values},
                **translated("title", title),
                **{
                    f"description_{lang}": template.format(aim=text[0].lower() + text[1:])
                    for lang, template, text in zip(LANGS, words.DESCRIPTION, title, strict=True)
                },
            )
            self._pending["commitments"].append(commitment)
            first_name, honorific = rng.choice(words.FIRST_NAMES)
            lead = get_user_model()(
                username=f"{self.user_prefix}-{plan.number}-{number}",
                password=make_password(None),
                first_name=first_name,
                last_name=rng.choice(words.LAST_NAMES),
            )
            draft.leads.append((commitment, lead, honorific))
            self._pending["leads"].append((commitment, lead))
            activity_count = rng.randint(3, 6)
            self._activities(commitment, activity_count, weighted=plan.number % 2 == 0)
            trajectories.append(self._reports(draft, commitment, lead, activity_count))

        for index, meeting in enumerate(draft.rounds):
            self._execution_minutes(draft, meeting, index, chair, trajectories)
        for index, meeting in enumerate(draft.steering):
            round_index = 3 + 4 * index
            percent = round(sum(t[round_index] for t in trajectories) / len(trajectories))
            self._pending["progress"].append(
                PlanProgress(plan=plan, date=meeting.date, percent=percent, meeting=meeting)
            )
            self._steering_minutes(meeting, chair)
        if sum(len(rows) for rows in self._pending.values()) > 20 * BATCH:
            self._flush()

    def _activities(self, commitment, count, weighted):
        rng = self.rng
        span = (commitment.end_date - commitment.start_date) / count
        weights = [100 // count] * count
        weights[-1] += 100 - sum(weights)
        for number in range(1, count + 1):
            planned_start = commitment.start_date + span * (number - 1)
            planned_end = planned_start + span
            revised_end = planned_end + datetime.timedelta(days=90) if rng.random() < 0.2 else None
            if (revised_end or planned_end) < self.today:
                status = rng.choice((ActivityStatus.DONE,) * 4 + (ActivityStatus.CANCELLED,))
            elif planned_start < self.today:
                status = rng.choice((ActivityStatus.IN_PROGRESS,) * 3 + (ActivityStatus.POSTPONED,))
            else:
                status = ActivityStatus.PLANNED
            self._pending["activities"].append(
                Activity(
                    commitment=commitment,
                    number=number,
                    planned_start=planned_start,
                    planned_end=planned_end,
                    revised_end=revised_end,
                    status=status,
                    weight=weights[number - 1] if weighted else None,
                    **translated("title", rng.choice(words.ACTIVITY_KINDS)),
                )
            )

    def _reports(self, draft, commitment, lead, activity_count):
        rng = self.rng
        target = rng.choice((40, 55, 70, 85, 100, 100))
        percent = 0
        trajectory = []
        for index, meeting in enumerate(draft.rounds):
            remaining_rounds = len(draft.rounds) - index
            stalled = index > 0 and rng.random() < 0.25
            if not stalled:
                percent = min(
                    target, percent + rng.randint(0, 2 * (target - percent) // remaining_rounds + 5)
                )
            if index == len(draft.rounds) - 1 and percent < target and rng.random() < 0.5:
                percent, stalled = target, False
            trajectory.append(percent)
            activity = min(activity_count, 1 + index * activity_count // len(draft.rounds))
            values = {
                "n": activity,
                "m": min(activity + 1, activity_count),
                "k": rng.randint(2, 9),
            }
            narrative = words.NO_PROGRESS if stalled else rng.choice(words.NARRATIVES)
            platform = rng.choice(list(PlatformStatus))
            report = ProgressReport(
                commitment=commitment,
                date=meeting.date,
                percent=percent,
                no_progress=stalled,
                platform_status=platform,
                meeting=meeting,
                status=ReportStatus.PUBLISHED,
                author=lead,
                published_at=self._moment(meeting.date),
                **translated("narrative", narrative, **values),
                **translated(
                    "schedule",
                    words.SCHEDULES[-1] if percent == 100 else rng.choice(words.SCHEDULES[:-1]),
                    **values,
                ),
            )
            if platform != PlatformStatus.YES:
                for name, value in translated("platform_note", words.PLATFORM_NOTES).items():
                    setattr(report, name, value)
            self._pending["reports"].append(report)
            self.counts.published += 1
        if percent < 100 and rng.random() < 0.2:
            self._pending["reports"].append(
                ProgressReport(
                    commitment=commitment,
                    date=draft.rounds[-1].date + datetime.timedelta(days=rng.randint(7, 30)),
                    percent=min(100, percent + rng.randint(5, 20)),
                    status=rng.choice(UNPUBLISHED),
                    author=lead,
                    **translated("narrative", rng.choice(words.NARRATIVES), n=1, m=2, k=3),
                )
            )
            self.counts.unpublished += 1
        return trajectory

    # Minutes: who attended, what was discussed, what was decided.

    def _person(self):
        first, honorific = self.rng.choice(words.FIRST_NAMES)
        return f"{first} {self.rng.choice(words.LAST_NAMES)}", honorific

    def _execution_minutes(self, draft, meeting, index, chair, trajectories):
        rng = self.rng
        people = [
            self._participant(
                meeting,
                0,
                chair,
                ParticipantRole.CHAIR,
                ("الكتابة الدائمة", "Secrétariat permanent", "Permanent secretariat"),
                ("مديرة تنظيم الإدارة", "Directrice de l'organisation", "Director of organisation"),
            )
        ]
        for order, (commitment, user, honorific) in enumerate(draft.leads, start=1):
            if rng.random() < 0.2:
                continue
            participant = self._participant(
                meeting,
                order,
                (f"{user.first_name} {user.last_name}", honorific),
                ParticipantRole.PROJECT_LEAD,
                ("رؤساء المشاريع", "Chefs de projet", "Project leads"),
                ("رئيس المشروع", "Chef de projet", "Project lead"),
            )
            participant.user = user
            people.append(participant)
            self._pending["participations"].append((participant, commitment))
        self._pending["participants"].extend(people)
        self._agenda(meeting)
        self._next_steps(
            meeting, draft.rounds[index + 1] if index + 1 < len(draft.rounds) else None
        )

    def _steering_minutes(self, meeting, chair):
        rng = self.rng
        groups = (
            (
                (
                    "ممثلو الإدارات بلجنة الإشراف",
                    "Représentants des administrations",
                    "Government representatives",
                ),
                ParticipantRole.REPRESENTATIVE,
                6,
            ),
            (
                (
                    "ممثلو المجتمع المدني بلجنة الإشراف",
                    "Représentants de la société civile",
                    "Civil society representatives",
                ),
                ParticipantRole.REPRESENTATIVE,
                5,
            ),
        )
        order = 0
        self._pending["participants"].append(
            self._participant(
                meeting,
                order,
                chair,
                ParticipantRole.CHAIR,
                ("الرئاسة", "Présidence", "Chair"),
                ("الكاتب العام", "Secrétaire général", "Secretary general"),
            )
        )
        for group, role, size in groups:
            for _ in range(size):
                order += 1
                institution = rng.choice(self.institutions)
                participant = self._participant(
                    meeting,
                    order,
                    self._person(),
                    role,
                    group,
                    ("رئيس قسم", "Chef de division", "Head of division"),
                )
                participant.organisation_ar = institution.name_ar
                participant.organisation_fr = institution.name_fr
                self._pending["participants"].append(participant)
        self._agenda(meeting)
        self._next_steps(meeting, None)

    def _participant(self, meeting, order, person, role, group, function):
        name, honorific = person
        return Participant(
            meeting=meeting,
            order=order,
            name=name,
            honorific=honorific,
            role=role,
            **translated("group", group),
            **translated("function", function),
        )

    def _agenda(self, meeting):
        for order, item in enumerate(words.AGENDA[: self.rng.randint(2, 3)], start=1):
            title, body = item[:3], item[3:]
            self._pending["agenda"].append(
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    **translated("title", title),
                    **translated("body", body),
                    **translated("bullets", joined(body, words.NO_PROGRESS, sep="\n")),
                )
            )

    def _next_steps(self, meeting, next_meeting):
        rng = self.rng
        due = meeting.date + datetime.timedelta(days=30)
        for order, text in enumerate(rng.sample(words.NEXT_STEPS, rng.randint(2, 4)), start=1):
            step = NextStep(
                meeting=meeting,
                order=order,
                owner=rng.choice(self.institutions).name_ar,
                due_date=due,
                **translated("text", text, d=due.isoformat()),
            )
            if next_meeting is not None and rng.random() < 0.7:
                step.status, step.closed_at = NextStepStatus.DONE, next_meeting
            self._pending["steps"].append(step)

    def _moment(self, day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))

    # Insertion in dependency order; ids come back from PostgreSQL's RETURNING.

    def _flush(self):
        pending = self._pending
        leads = [user for _, user in pending["leads"]]
        get_user_model().objects.bulk_create(leads, batch_size=BATCH)
        Commitment.objects.bulk_create(pending["commitments"], batch_size=BATCH)
        Commitment.leads.through.objects.bulk_create(
            [
                Commitment.leads.through(commitment_id=c.pk, user_id=u.pk)
                for c, u in pending["leads"]
            ],
            batch_size=BATCH,
        )
        Activity.objects.bulk_create(pending["activities"], batch_size=BATCH)
        ProgressReport.objects.bulk_create(pending["reports"], batch_size=BATCH)
        Participant.objects.bulk_create(pending["participants"], batch_size=BATCH)
        Participant.commitments.through.objects.bulk_create(
            [
                Participant.commitments.through(participant_id=p.pk, commitment_id=c.pk)
                for p, c in pending["participations"]
            ],
            batch_size=BATCH,
        )
        AgendaItem.objects.bulk_create(pending["agenda"], batch_size=BATCH)
        NextStep.objects.bulk_create(pending["steps"], batch_size=BATCH)
        PlanProgress.objects.bulk_create(pending["progress"], batch_size=BATCH)

        counts = self.counts
        counts.commitments += len(pending["commitments"])
        counts.activities += len(pending["activities"])
        counts.participants += len(pending["participants"])
        counts.agenda_items += len(pending["agenda"])
        counts.next_steps += len(pending["steps"])
        counts.plan_progress += len(pending["progress"])
        for rows in pending.values():
            rows.clear()
