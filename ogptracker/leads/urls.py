from django.urls import path

from . import questions, views

app_name = "leads"

urlpatterns = [
    path("my/commitments/", views.my_commitments, name="my_commitments"),
    path(
        "my/commitments/<int:pk>/update/",
        views.commitment_update,
        name="commitment_update",
    ),
    path("my/commitments/questions/", questions.questions, name="questions"),
    path("my/commitments/questions/<int:pk>/answer/", questions.answer, name="answer"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
