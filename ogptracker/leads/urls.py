from django.urls import path

from . import views

app_name = "leads"

urlpatterns = [
    path("my/commitments/", views.my_commitments, name="my_commitments"),
    path(
        "my/commitments/<int:pk>/update/",
        views.commitment_update,
        name="commitment_update",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
