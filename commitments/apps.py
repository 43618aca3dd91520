from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Action plans and commitments")

    def ready(self) -> None:
        from .roles import ensure_secretariat_group

        # After every migrate, so the group always holds the current permissions.
        post_migrate.connect(ensure_secretariat_group, sender=self)
