from django.urls import path

from . import opendata_views

app_name = "commitments"

urlpatterns = [
    path("open-data/", opendata_views.open_data, name="open_data"),
    path(
        "plans/<int:number>/data/<slug:dataset>.<slug:fmt>",
        opendata_views.plan_download,
        name="plan_download",
    ),
]
