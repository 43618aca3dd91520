"""The read-only JSON API, outside the language prefix: /api/…"""

from django.urls import path, re_path

from . import api

app_name = "api"

urlpatterns = [
    path("", api.index, name="index"),
    path("plans/", api.plans, name="plans"),
    path("plans/<int:number>/", api.plan, name="plan"),
    path("plans/<int:number>/commitments/", api.plan_commitments, name="plan_commitments"),
    path("plans/<int:number>/activities/", api.plan_activities, name="plan_activities"),
    path("plans/<int:number>/reports/", api.plan_reports, name="plan_reports"),
    path("plans/<int:number>/next-steps/", api.plan_next_steps, name="plan_next_steps"),
    path("plans/<int:number>/irm/", api.plan_irm, name="plan_irm"),
    path("plans/<int:number>/civil-society/", api.plan_civil_society, name="plan_civil_society"),
    path("plans/<int:number>/revisions/", api.plan_revisions, name="plan_revisions"),
    path("meetings/", api.meetings, name="meetings"),
    # Former addresses, which outside users may have kept.
    path(
        "plans/<int:number>/snapshots/",
        api.moved,
        {"to": "api:plan_reports"},
        name="plan_snapshots_moved",
    ),
    path(
        "plans/<int:number>/decisions/",
        api.moved,
        {"to": "api:plan_next_steps"},
        name="plan_decisions_moved",
    ),
    # Only paths ending in a slash, so that /api/plans still redirects to /api/plans/.
    re_path(r"^.*/$", api.not_found, name="not_found"),
]
