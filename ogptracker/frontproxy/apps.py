from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontProxyConfig(AppConfig):
    name = "ogptracker.frontproxy"
    label = "frontproxy"
    verbose_name = _("Front proxy")
