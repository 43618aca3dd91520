"""The backup's files of civil society: the forums with their members, and their assessments.

An assessment names its commitment by plan and number, its forum by name and
its half-year by its last day, the key the database holds one row for.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.common.cells import Field, KeyWidget, isolated, model_fields

from . import keys
from .plan_resources import commitment_field, plan_field, resource


class ForumWidget(KeyWidget):
    """A forum by its name."""

    def __init__(self):
        super().__init__(render=lambda forum: forum.name)

    def key(self, value: Any, row: Mapping[str, Any]) -> str:
        return str(value).strip()

    def resolve(self, key: str) -> Forum | None:
        return Forum.objects.filter(name=key).first()

    def missing(self, key: str) -> str:
        return _("There is no civil-society forum named «%(name)s».") % {"name": isolated(key)}


ForumResource = resource(
    Forum,
    {
        **model_fields(Forum, ["name"]),
        "members": Field(
            attribute="members",
            column_name="members",
            widget=keys.UsersWidget(),
            label=gettext_lazy("members (usernames)"),
        ),
    },
    import_id_fields=["name"],
    ordering=["name"],
    prefetch=["members"],
)

AssessmentResource = resource(
    Assessment,
    {
        "plan": plan_field("commitment__plan"),
        "commitment": commitment_field(),
        "forum": Field(
            attribute="forum",
            column_name="forum",
            widget=ForumWidget(),
            label=gettext_lazy("civil-society forum (name)"),
        ),
        **model_fields(Assessment, ["period_end", "percent", "completion", "narrative"]),
        "recorded_by": Field(
            attribute="recorded_by",
            column_name="recorded_by",
            widget=keys.UserWidget(),
            label=gettext_lazy("recorded by (username)"),
        ),
    },
    import_id_fields=["plan", "commitment", "forum", "period_end"],
    ordering=["commitment__plan__number", "commitment__number", "period_end", "forum__name", "pk"],
    related=["commitment__plan", "forum", "recorded_by"],
)
