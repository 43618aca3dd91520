from django.urls import path

from ogptracker.pagecache import cache_public_page

from . import minutes_views as views
from .minutes_feeds import MinutesFeed

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("feed/", cache_public_page(MinutesFeed()), name="minutes_feed"),
    path("<int:pk>/", views.minutes, name="minutes"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
]
