from django.urls import path

from . import views

app_name = "civilsociety"

urlpatterns = [
    path("my/assessments/", views.my_assessments, name="my_assessments"),
    path("my/assessments/<int:pk>/", views.assessment_edit, name="assessment_edit"),
    path(
        "civil-society/evidence/<int:pk>/",
        views.assessment_evidence,
        name="assessment_evidence",
    ),
]
