"""A plan's «Translations» page: its untranslated texts out to XLSX and back.

The file and its rules are ogptracker/spreadsheets/translations.py; this page
only offers the download and the upload, and shows what the import did, or the
lines to correct when it wrote nothing.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments.models import ActionPlan
from ogptracker.spreadsheets import translations

# An export of a plan's texts stays well under this.
LARGEST_FILE = 20 * 1024 * 1024


class TranslationsForm(forms.Form):
    translations_file = forms.FileField(
        label=gettext_lazy("Translated file (XLSX)"),
        help_text=gettext_lazy(
            "The file exported here, its empty cells filled in. Nothing is saved unless "
            "every line is valid."
        ),
    )

    def clean_translations_file(self):
        upload = self.cleaned_data["translations_file"]
        if upload.size > LARGEST_FILE:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


def translations_view(
    model_admin: ModelAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, pk=object_id)
    if not model_admin.has_view_permission(request, plan):
        raise PermissionDenied
    if request.GET.get("download"):
        response = HttpResponse(
            translations.export_xlsx(plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"plan-{plan.number}-translations.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    problems = []
    form = TranslationsForm()
    if request.method == "POST":
        if not model_admin.has_change_permission(request, plan):
            raise PermissionDenied
        form = TranslationsForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["translations_file"].read()
            try:
                written, problems = translations.import_xlsx(plan, data)
            except translations.TranslationFileError as error:
                form.add_error("translations_file", str(error))
            else:
                if not problems:
                    model_admin.message_user(
                        request,
                        ngettext(
                            "%(count)d translation was saved.",
                            "%(count)d translations were saved.",
                            written,
                        )
                        % {"count": written},
                        messages.SUCCESS,
                    )
                    return redirect("admin:commitments_actionplan_translations", plan.pk)
    missing = translations.missing_counts(plan)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": ActionPlan._meta,
        "original": plan,
        "title": _("Translations of %(plan)s") % {"plan": plan},
        "form": form,
        "problems": problems,
        "missing": [
            (code, name, missing[code])
            for code, name in translations.LANGUAGE_NAMES
            if code in missing
        ],
    }
    return TemplateResponse(request, "admin/commitments/actionplan/translations.html", context)
