"""Natural keys in spreadsheet cells: plan number, commitment number, meeting date, username.

No file carries a database id: a row points to a commitment by its plan's
number and its own number, to a meeting by its committee's kind, its plan
and its date, and to a person by username.
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db.models import Manager, Model, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from commitments.models import ActionPlan, Axis, Commitment, Institution
from meetings.enums import CommitteeKind
from meetings.models import Meeting
from ogptracker.common.cells import ChoiceWidget, DateWidget, KeyWidget, cell_number, isolated


def plan_cell(row: Mapping[str, Any], column: str = "plan") -> int | None:
    value = row.get(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return cell_number(value)


class PlanWidget(KeyWidget):
    expected = gettext_lazy("an action plan number, such as 2")

    def __init__(self):
        super().__init__(render=lambda plan: plan.number)

    def key(self, value: Any, row: Mapping[str, Any]) -> int | None:
        return cell_number(value)

    def resolve(self, key: int | None) -> ActionPlan | None:
        return ActionPlan.objects.filter(number=key).first()

    def missing(self, key: int | None) -> str:
        return _("There is no action plan number %(plan)s.") % {"plan": key}


class InstitutionWidget(KeyWidget):
    """An institution by its acronym or, failing that, its Arabic name."""

    expected = gettext_lazy("an institution's acronym or Arabic name")

    def __init__(self):
        super().__init__(render=lambda institution: institution.acronym or institution.name_ar)

    def key(self, value: Any, row: Mapping[str, Any]) -> str:
        return str(value).strip()

    def resolve(self, key: str) -> Institution | None:
        found = list(Institution.objects.filter(Q(acronym=key) | Q(name_ar=key))[:2])
        by_acronym = [institution for institution in found if institution.acronym == key]
        return (by_acronym or found or [None])[0]

    def missing(self, key: str) -> str:
        return _("There is no institution with the acronym or Arabic name «%(name)s».") % {
            "name": isolated(key)
        }


class CommitmentWidget(KeyWidget):
    """A commitment by its number within the plan given in the row's ``plan`` cell."""

    expected = gettext_lazy("a commitment number of the row's action plan")

    def __init__(self):
        super().__init__(render=lambda commitment: commitment.number)

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple[int | None, int | None]:
        return (plan_cell(row), cell_number(value))

    def resolve(self, key: tuple[int | None, int | None]) -> Commitment | None:
        plan, number = key
        return Commitment.objects.filter(plan__number=plan, number=number).first()

    def missing(self, key: tuple[int | None, int | None]) -> str:
        plan, number = key
        if plan is None:
            return _("Give the action plan number to find commitment %(number)s.") % {
                "number": number
            }
        return _("Action plan %(plan)s has no commitment number %(number)s.") % {
            "plan": plan,
            "number": number,
        }


class AxisWidget(KeyWidget):
    expected = gettext_lazy("an axis number of the row's action plan")

    def __init__(self):
        super().__init__(render=lambda axis: axis.number)

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple[int | None, int | None]:
        return (plan_cell(row), cell_number(value))

    def resolve(self, key: tuple[int | None, int | None]) -> Axis | None:
        plan, number = key
        return Axis.objects.filter(plan__number=plan, number=number).first()

    def missing(self, key: tuple[int | None, int | None]) -> str:
        plan, number = key
        return _("Action plan %(plan)s has no axis number %(number)s.") % {
            "plan": plan,
            "number": number,
        }


class UserWidget(KeyWidget):
    expected = gettext_lazy("a username")

    def __init__(self):
        super().__init__(render=lambda user: user.get_username())

    def key(self, value: Any, row: Mapping[str, Any]) -> str:
        return str(value).strip()

    def resolve(self, key: str) -> User | None:
        return get_user_model().objects.filter(username=key).first()

    def missing(self, key: str) -> str:
        return _("There is no user «%(username)s».") % {"username": isolated(key)}


def split_list(value: object) -> list[str]:
    if value is None:
        return []
    text = str(value).replace("،", ",").replace(";", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class StrictManyWidget(widgets.ManyToManyWidget):
    """A comma-separated list in which every item must exist."""

    def lookup(self, items: list[str], row: Mapping[str, Any]) -> tuple[Sequence[Model], list[str]]:
        raise NotImplementedError

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Sequence[Model] | QuerySet:
        items = split_list(value)
        if not items:
            return self.model.objects.none()
        found, missing = self.lookup(items, row or {})
        if missing:
            raise ValueError(self.describe_missing(missing, row or {}))
        return found


class UsersWidget(StrictManyWidget):
    def __init__(self):
        super().__init__(get_user_model(), field="username", separator=", ")

    def lookup(self, items: list[str], row: Mapping[str, Any]) -> tuple[list[User], list[str]]:
        found = list(self.model.objects.filter(username__in=items))
        known = {user.username for user in found}
        return found, [item for item in items if item not in known]

    def describe_missing(self, missing: list[str], row: Mapping[str, Any]) -> str:
        return _("Unknown users: %(usernames)s.") % {"usernames": ", ".join(missing)}

    def render(self, value: Manager | None, obj: Model | None = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return ", ".join(sorted(user.username for user in value.all()))


class CommitmentsWidget(StrictManyWidget):
    """Commitment numbers («1, 2, 8») within the row's plan."""

    def __init__(self):
        super().__init__(Commitment, field="number", separator=", ")

    def lookup(
        self, items: list[str], row: Mapping[str, Any]
    ) -> tuple[list[Commitment], list[str]]:
        plan = plan_cell(row)
        numbers = [cell_number(item) for item in items]
        found = list(self.model.objects.filter(plan__number=plan, number__in=numbers))
        known = {commitment.number for commitment in found}
        return found, [str(number) for number in numbers if number not in known]

    def describe_missing(self, missing: list[str], row: Mapping[str, Any]) -> str:
        return _("Action plan %(plan)s has no commitment number %(number)s.") % {
            "plan": plan_cell(row),
            "number": ", ".join(missing),
        }

    def render(self, value: Manager | None, obj: Model | None = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return ", ".join(str(number) for number in sorted(c.number for c in value.all()))


class MeetingWidget(KeyWidget):
    """A meeting by its committee's kind (row's ``committee`` cell), plan and date.

    A committee serving every plan has no plan: its meetings match whatever
    the ``plan`` cell says, after the plan's own committee.
    """

    expected = gettext_lazy("the date of a meeting of the row's committee")

    def __init__(self, committee_column="committee"):
        super().__init__(render=lambda meeting: meeting.date)
        self.committee_column = committee_column
        self.kinds = None

    def kind(self, row: Mapping[str, Any]) -> str | None:
        if self.kinds is None:
            self.kinds = ChoiceWidget(CommitteeKind)
        return self.kinds.clean(row.get(self.committee_column))

    def key(
        self, value: Any, row: Mapping[str, Any]
    ) -> tuple[str | None, int | None, datetime.date | None]:
        return (self.kind(row), plan_cell(row), DateWidget().clean(value))

    def resolve(self, key: tuple[str | None, int | None, datetime.date | None]) -> Meeting | None:
        kind, plan, date = key
        candidates = Meeting.objects.filter(committee__kind=kind, date=date).filter(
            Q(committee__plan__number=plan) | Q(committee__plan__isnull=True)
        )
        matches = sorted(candidates, key=lambda meeting: meeting.committee.plan_id is None)
        return matches[0] if matches else None

    def missing(self, key: tuple[str | None, int | None, datetime.date | None]) -> str:
        kind, plan, date = key
        return _("There is no meeting of the %(committee)s of plan %(plan)s on %(date)s.") % {
            "committee": CommitteeKind(kind).label if kind else "?",
            "plan": plan if plan is not None else "—",
            "date": date.isoformat(),
        }
