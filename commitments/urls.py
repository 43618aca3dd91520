from django.urls import path

from ogptracker.pagecache import cache_public_page

from . import lead_views, opendata_views, views
from .feeds import PlanProgressFeed

app_name = "commitments"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:number>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<int:number>/feed/", cache_public_page(PlanProgressFeed()), name="plan_feed"),
    path(
        "plans/<int:plan_number>/commitments/<int:number>/",
        views.commitment_detail,
        name="commitment_detail",
    ),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("search/", views.search, name="search"),
    path("open-data/", opendata_views.open_data, name="open_data"),
    path(
        "plans/<int:number>/data/<slug:dataset>.<slug:fmt>",
        opendata_views.plan_download,
        name="plan_download",
    ),
    path("my/commitments/", lead_views.my_commitments, name="my_commitments"),
    path(
        "my/commitments/<int:pk>/update/",
        lead_views.commitment_update,
        name="commitment_update",
    ),
    path("evidence/<int:pk>/", lead_views.evidence_download, name="evidence_download"),
]
