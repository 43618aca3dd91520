from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    default_site = "ogptracker.secretariat.site.TrackerAdminSite"
