from django.apps import AppConfig


class FrontProxyConfig(AppConfig):
    """No models and no pages: the `proxy_config` command."""

    name = "ogptracker.frontproxy"
    label = "frontproxy"
