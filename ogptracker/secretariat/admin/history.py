"""Bringing back deleted records from their history, in the admin.

simple-history keeps a last historical row (type "-") for every deleted
record; this lists them per model and re-creates one on request, with the
same primary key, recording who restored it.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _


class DeletedRecordsMixin:
    """For a SimpleHistoryAdmin: a «deleted records» page with a restore button per record."""

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_records_view),
                name="{}_{}_deleted".format(*info),
            ),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
        ] + super().get_urls()

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            info = self.opts.app_label, self.opts.model_name
            extra_context["deleted_records_url"] = reverse("admin:{}_{}_deleted".format(*info))
        return super().changelist_view(request, extra_context)

    def deleted_records(self) -> QuerySet:
        history = self.model.history
        still_there = self.model._default_manager.filter(pk=OuterRef("id"))
        return (
            history.filter(history_type="-")
            .exclude(Exists(still_there))
            .select_related("history_user")
            .order_by("-history_date")
        )

    def deleted_records_view(self, request: HttpRequest) -> TemplateResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "records": self.deleted_records()[:200],
        }
        return TemplateResponse(request, "admin/deleted_records.html", context)

    def restore_view(self, request: HttpRequest, history_id: int) -> HttpResponse:
        # A POST only, so that a link or an image cannot restore anything.
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.deleted_records(), history_id=history_id)
        instance = record.instance
        instance._history_user = request.user
        instance._change_reason = "Restored from history"
        info = self.opts.app_label, self.opts.model_name
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
                # Foreign keys are checked at commit; check now, while we can still say why.
                connection.check_constraints(table_names=[self.opts.db_table])
        except IntegrityError:
            messages.error(
                request,
                _(
                    "«%(object)s» could not be restored: a record it belongs to no longer "
                    "exists, or another record now takes its place. Restore that one first."
                )
                % {"object": instance},
            )
            return redirect("admin:{}_{}_deleted".format(*info))
        messages.success(request, _("«%(object)s» was restored.") % {"object": instance})
        return redirect("admin:{}_{}_change".format(*info), instance.pk)
