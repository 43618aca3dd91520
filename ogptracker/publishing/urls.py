from django.urls import path

from ogptracker.pagecache import cache_public_page

from . import opendata_views, self_assessment_views, views
from .feeds import FollowFeed, PlanProgressFeed

app_name = "commitments"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:number>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<int:number>/feed/", cache_public_page(PlanProgressFeed()), name="plan_feed"),
    path("follow/<slug:kind>/<int:pk>/feed/", cache_public_page(FollowFeed()), name="follow_feed"),
    path(
        "plans/<int:plan_number>/commitments/<int:number>/",
        views.commitment_detail,
        name="commitment_detail",
    ),
    path(
        "plans/<int:number>/self-assessment/<slug:kind>/",
        self_assessment_views.self_assessment_page,
        name="self_assessment",
    ),
    path(
        "plans/<int:number>/self-assessment/<slug:kind>/report.pdf",
        self_assessment_views.self_assessment_pdf,
        name="self_assessment_pdf",
    ),
    path(
        "plans/<int:number>/self-assessment/<slug:kind>/comment/",
        self_assessment_views.self_assessment_comment,
        name="self_assessment_comment",
    ),
    path(
        "plans/<int:number>/self-assessment/<slug:kind>/report.docx",
        self_assessment_views.self_assessment_docx,
        name="self_assessment_docx",
    ),
    path("plans/<int:number>/revisions/", views.plan_revisions, name="plan_revisions"),
    path("plans/<int:number>/how-it-is-run/", views.plan_governance, name="plan_governance"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("search/", views.search, name="search"),
    path("search/minutes/", views.minutes_found, name="search_minutes"),
    path("open-data/", opendata_views.open_data, name="open_data"),
    path(
        "plans/<int:number>/data/<slug:dataset>.<slug:fmt>",
        opendata_views.plan_download,
        name="plan_download",
    ),
]
