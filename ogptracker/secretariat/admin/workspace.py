"""The meeting workspace: a meeting prepared and published on one page.

One grid holds a row of the status table per commitment of the plan, each
editable in place: with htmx a changed row is saved as soon as it is left
(the answer swaps in the row's new loaded values and the minutes' preview),
and the whole page is saved, or saved and published, by its buttons. Every
write goes through the reporting cycle (`meetings/cycle.py`: `save_row`,
`publish_meeting`) and keeps to the commitments' versions as the meeting's
form does (`versions.VersionedRowsFormSet`). A page that does not validate
saves nothing: its forms come back with the wrong fields named.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.forms.models import inlineformset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from commitments.enums import MeetingStatus
from commitments.models import Commitment, ProgressReport
from meetings import cycle
from meetings.copying import participant_from
from meetings.enums import Attendance
from meetings.minutes import minutes_context
from meetings.models import AgendaItem, Meeting, Membership, NextStep, Participant
from ogptracker.common.languages import translated

from .versions import LoadedValuesForm, VersionedRowsFormSet

ROW_TEXTS = ("narrative", "platform_note", "schedule")
ROW_FIELDS = ["percent", "platform_status", *translated(*ROW_TEXTS)]


def typed_in(language: str, rows: int) -> forms.Textarea:
    """A text box typed in `language`: French and English left to right, Arabic right to left."""
    direction = "rtl" if language == "ar" else "ltr"
    return forms.Textarea(attrs={"rows": rows, "lang": language, "dir": direction})


def language_of(name: str) -> str:
    return name.rsplit("_", 1)[-1]


class RowForm(LoadedValuesForm):
    """A row of the grid: the figures and texts the committee adopts."""

    class Meta:
        model = ProgressReport
        fields = ROW_FIELDS
        widgets = {
            **{name: typed_in(language_of(name), 2) for name in translated(*ROW_TEXTS)},
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100, "class": "ws-percent"}),
        }

    def state(self) -> str:
        """The row's hidden inputs: its id, the commitment's version, each field as loaded.

        One block, so that a row saved in place swaps in its new loaded values
        without touching the fields being typed in.
        """
        hidden = [self["id"].as_hidden(), self["commitment_version"].as_hidden()]
        hidden += [
            self[name].as_hidden(only_initial=True)
            for name, field in self.fields.items()
            if field.show_hidden_initial
        ]
        return mark_safe("".join(str(item) for item in hidden))

    def error_list(self) -> list[str]:
        """Each error with the label of its field, so that the row says which is wrong."""
        listed = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            listed += [f"{label}: {error}" if label else error for error in errors]
        return listed


RowFormSet = inlineformset_factory(
    Meeting,
    ProgressReport,
    form=RowForm,
    formset=VersionedRowsFormSet,
    fk_name="meeting",
    fields=ROW_FIELDS,
    extra=0,
    can_delete=False,
)

AgendaFormSet = inlineformset_factory(
    Meeting,
    AgendaItem,
    fields=["order", "title_ar", "title_fr", "title_en"],
    extra=1,
    can_delete=True,
    widgets={"order": forms.NumberInput(attrs={"class": "ws-order"})},
)

StepFormSet = inlineformset_factory(
    Meeting,
    NextStep,
    fk_name="meeting",
    fields=["order", "text_ar", "text_fr", "text_en", "owner", "due_date"],
    extra=1,
    can_delete=True,
    widgets={
        "order": forms.NumberInput(attrs={"class": "ws-order"}),
        **{name: typed_in(language_of(name), 1) for name in translated("text")},
        "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    },
)


class AttendanceForm(forms.Form):
    """Who of the committee's members on the meeting's date attended, or sent apologies."""

    def __init__(self, members: list[Membership], participants: list[Participant], *args, **kw):
        super().__init__(*args, **kw)
        self.members = members
        recorded = {participant.name: participant.attendance for participant in participants}
        choices = [("", "—"), *Attendance.choices]
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.name, choices=choices, required=False
            )
            self.initial[f"member_{member.pk}"] = recorded.get(member.name, "")

    def rows(self) -> list[tuple[Membership, forms.BoundField]]:
        return [(member, self[f"member_{member.pk}"]) for member in self.members]

    def save(self, meeting: Meeting) -> None:
        """A participant per member present or excused; a member marked «—» is none."""
        existing = {p.name: p for p in meeting.participants.all()}
        for member in self.members:
            attendance = self.cleaned_data[f"member_{member.pk}"]
            participant = existing.get(member.name)
            if not attendance:
                if participant is not None:
                    participant.delete()
                continue
            if participant is not None and participant.attendance == attendance:
                continue
            values = {**participant_from(member), "attendance": attendance}
            participant, _ = Participant.objects.update_or_create(
                meeting=meeting, name=member.name, defaults=values
            )
            participant.commitments.set(member.commitments.all())


def workspace_rows(meeting: Meeting) -> QuerySet[ProgressReport]:
    """The meeting's status table with what each row shows beside its fields: the
    commitment and its lead institution, the report it was prepared from, and the
    commitment's last figure published before the meeting."""
    last_published = (
        ProgressReport.objects.published()
        .official()
        .filter(commitment=OuterRef("commitment"), date__lt=meeting.date)
        .exclude(meeting=meeting)
        .order_by("-date", "-pk")
        .values("percent")[:1]
    )
    return (
        ProgressReport.objects.filter(meeting=meeting)
        .select_related("commitment__lead_institution", "prepared_from")
        .annotate(last_published_percent=Subquery(last_published))
        .order_by("commitment__number", "pk")
    )


def load_meeting(object_id: str) -> Meeting:
    meeting = (
        Meeting.objects.select_related("committee__plan")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.order_by("order", "pk"))
        )
        .filter(pk=object_id)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def members_on_date(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.filter(committee=meeting.committee_id)
        .on(meeting.date)
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("number")))
        .order_by("order", "pk")
    )


def workspace_view(model_admin: ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    meeting = load_meeting(object_id)
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    # Validated and saved in one transaction: the rows' versions, read FOR UPDATE
    # when validating, stay locked until the save (versions.py).
    with transaction.atomic():
        response = _workspace(model_admin, request, meeting)
    return response


def _workspace(model_admin, request, meeting):
    data = request.POST if request.method == "POST" else None
    rows = RowFormSet(data, instance=meeting, queryset=workspace_rows(meeting), prefix="rows")
    if data is not None and request.htmx:
        return _save_rows_in_place(request, meeting, rows)
    members = members_on_date(meeting)
    attendance = AttendanceForm(members, list(meeting.participants.all()), data, prefix="who")
    agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
    steps = StepFormSet(data, instance=meeting, prefix="steps")
    parts = [rows, attendance, agenda, steps]
    member_names = {member.name for member in members}
    if data is not None:
        if all(part.is_valid() for part in parts):
            return _save_page(request, meeting, rows, attendance, agenda, steps)
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Workspace: %(meeting)s") % {"meeting": meeting},
        "meeting": meeting,
        "rows": rows,
        "attendance": attendance,
        "agenda": agenda,
        "steps": steps,
        "guests": [p for p in meeting.participants.all() if p.name not in member_names],
        "preview": preview_context(meeting),
        "is_published": meeting.status == MeetingStatus.PUBLISHED,
        # The grid needs the page's width.
        "is_nav_sidebar_enabled": False,
    }
    return TemplateResponse(request, "admin/meetings/meeting/workspace.html", context)


def _save_rows(request, rows):
    rows.claim_versions()
    for row in rows.save(commit=False):
        cycle.save_row(row, request.user, reason="Edited in the meeting workspace", claimed=True)


def _save_page(request, meeting, rows, attendance, agenda, steps):
    _save_rows(request, rows)
    attendance.save(meeting)
    for formset in (agenda, steps):
        for obj in formset.save(commit=False):
            obj._history_user = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
    if "_publish" in request.POST:
        try:
            published = cycle.publish_meeting(meeting, request.user)
        except cycle.Refused as refusal:
            transaction.set_rollback(True)
            messages.error(request, str(refusal))
            return redirect("admin:meetings_meeting_workspace", meeting.pk)
        messages.success(
            request,
            _("The minutes were published with %(count)s rows of the status table.")
            % {"count": len(published)},
        )
    else:
        messages.success(request, _("The meeting was saved."))
    return redirect("admin:meetings_meeting_workspace", meeting.pk)


def _save_rows_in_place(request, meeting, rows):
    """A row left after a change: saved if valid, its state and errors swapped in place."""
    valid = rows.is_valid()
    if valid:
        _save_rows(request, rows)
    changed = [form for form in rows.forms if form.has_changed() or form.errors]
    if valid:
        # The saved rows' new loaded values and versions, as a fresh page would show them.
        saved = {form.instance.pk for form in changed}
        fresh = RowFormSet(instance=meeting, queryset=workspace_rows(meeting), prefix="rows")
        changed = [form for form in fresh.forms if form.instance.pk in saved]
    context = {
        "changed": changed,
        "preview": preview_context(meeting),
        "saved": valid,
    }
    return TemplateResponse(request, "admin/meetings/meeting/_workspace_saved.html", context)


def preview_context(meeting: Meeting) -> dict[str, Any]:
    """The minutes as they would print, drafts included."""
    loaded = Meeting.objects.for_minutes(include_drafts=True).get(pk=meeting.pk)
    return minutes_context(loaded, preview=True)
