from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.template.response import TemplateResponse

# The admin index in the order the secretariat works: plans and their
# commitments first (the review queue on top: it is where submitted reports
# wait), then committees and meetings, then accounts and sign-in lockouts.
APP_ORDER = ["commitments", "meetings", "ogpcycle", "civilsociety", "auth", "axes"]
MODEL_ORDER = [
    "ReportAwaitingReview",
    "ActionPlan",
    "Axis",
    "Commitment",
    "Activity",
    "ProgressReport",
    "PlanProgress",
    "Institution",
    "Committee",
    "Membership",
    "Meeting",
    "Participant",
    "AgendaItem",
    "NextStep",
    "Forum",
    "Assessment",
]


def _position(order, key):
    return order.index(key) if key in order else len(order)


class TrackerAdminSite(AdminSite):
    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        # Not at the top: the site is loaded before the apps' models are.
        from .work_to_do import tasks

        extra_context = {"work_to_do": tasks(request.user), **(extra_context or {})}
        return super().index(request, extra_context)

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["models"].sort(key=lambda model: _position(MODEL_ORDER, model["object_name"]))
        return sorted(apps, key=lambda app: _position(APP_ORDER, app["app_label"]))
