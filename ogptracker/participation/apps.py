from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "ogptracker.participation"
    label = "participation"
    verbose_name = _("Questions and followers")

    def ready(self) -> None:
        from commitments.roles import ensure_secretariat_group

        from . import receivers

        # This app's permissions exist only once its own migrations ran.
        post_migrate.connect(ensure_secretariat_group, sender=self)
        receivers.connect()
