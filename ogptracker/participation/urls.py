from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("accounts/sign-up/", views.sign_up, name="sign_up"),
    path("accounts/verify/<str:token>/", views.verify, name="verify"),
    path("accounts/verify-again/", views.resend_verification, name="resend_verification"),
    path("my/questions/", views.account, name="account"),
    path("my/account/delete/", views.delete_account, name="delete_account"),
    path("plans/<int:plan_number>/commitments/<int:number>/ask/", views.ask, name="ask"),
    path("follow/<slug:kind>/<int:pk>/", views.follow, name="follow"),
    path("follow/confirm/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("follow/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
