from django.urls import path

from . import lead_views

app_name = "commitments"

urlpatterns = [
    path("my/commitments/", lead_views.my_commitments, name="my_commitments"),
    path(
        "my/commitments/<int:pk>/update/",
        lead_views.commitment_update,
        name="commitment_update",
    ),
    path("evidence/<int:pk>/", lead_views.evidence_download, name="evidence_download"),
]
