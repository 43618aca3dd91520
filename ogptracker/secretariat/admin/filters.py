"""The admin lists' own filters: what the secretariat looks for beyond a field's values."""

from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commitments.models import french_missing
from ogptracker.leads import reminders


class OwesFilter(admin.SimpleListFilter):
    """Commitments of plans under way whose leads owe a report, or are late on
    activities: what the reminders are sent about (ogptracker/leads/reminders.py)."""

    title = _("owed by its leads")
    parameter_name = "owes"
    OWED = {"report": reminders.OWES_REPORT, "activities": reminders.OWES_ACTIVITIES}

    def lookups(
        self, request: HttpRequest, model_admin: ModelAdmin
    ) -> list[tuple[str, str | Promise]]:
        return [
            ("report", _("a report since the committee's last meeting")),
            ("activities", _("activities past their end date")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        owed = self.OWED.get(self.value())
        if owed is None:
            return queryset
        return queryset.filter(pk__in=reminders.owing().filter(owed).values("pk"))


class FrenchVersionFilter(admin.SimpleListFilter):
    """Reports whose Arabic texts all have their French version, or not yet."""

    title = _("French version")
    parameter_name = "french"

    def lookups(
        self, request: HttpRequest, model_admin: ModelAdmin
    ) -> list[tuple[str, str | Promise]]:
        return [("missing", _("missing")), ("complete", _("complete"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(french_missing())
        if self.value() == "complete":
            return queryset.exclude(french_missing())
        return queryset
