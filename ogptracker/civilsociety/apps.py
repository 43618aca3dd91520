from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CivilSocietyConfig(AppConfig):
    name = "ogptracker.civilsociety"
    label = "civilsociety"
    verbose_name = _("Civil society")

    def ready(self) -> None:
        from commitments.roles import ensure_secretariat_group

        # This app's permissions exist only once its own migrations ran.
        post_migrate.connect(ensure_secretariat_group, sender=self)
