from importlib.metadata import version

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "ogptracker.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from .version import connect_signals

        connect_signals()


@register(deploy=True)
def check_release(app_configs, **kwargs):
    # Without a commit, a deploy that keeps the package's version would keep serving
    # the pages and PDFs the previous code rendered.
    if settings.RELEASE != version("ogptracker"):
        return []
    return [
        Warning(
            "RELEASE names the package's version only: no git commit could be read.",
            hint="Set RELEASE to a name that changes with each deploy, e.g. the commit.",
            id="pagecache.W001",
        )
    ]


@register()
def check_fair_share_rates(app_configs, **kwargs):
    from ogptracker.throttle import Rate

    errors = []
    for name in ("FAIR_SHARE_ANONYMOUS", "FAIR_SHARE_SIGNED_IN"):
        rate = getattr(settings, name)
        try:
            rate and Rate.parse(rate)
        except ValueError as error:
            errors.append(Error(f"{name}: {error}", id="pagecache.E001"))
    return errors
