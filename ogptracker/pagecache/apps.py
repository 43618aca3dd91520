from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "ogptracker.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from .version import connect_signals

        connect_signals()
