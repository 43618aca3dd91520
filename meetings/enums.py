from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommitteeKind(models.TextChoices):
    EXECUTION = "execution", _("Execution committee")
    STEERING = "steering", _("Steering committee")


class MeetingFormat(models.TextChoices):
    REMOTE = "remote", pgettext_lazy("meeting format", "Remote")
    IN_PERSON = "in_person", pgettext_lazy("meeting format", "In person")
    HYBRID = "hybrid", pgettext_lazy("meeting format", "Hybrid")


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("participant role", "Chair")
    RAPPORTEUR = "rapporteur", pgettext_lazy("participant role", "Rapporteur")
    PROJECT_LEAD = "project_lead", pgettext_lazy("participant role", "Project lead")
    DEPUTY_PROJECT_LEAD = (
        "deputy_project_lead",
        pgettext_lazy("participant role", "Deputy project lead"),
    )
    MEMBER = "member", pgettext_lazy("participant role", "Member")
    REPRESENTATIVE = "representative", pgettext_lazy("participant role", "Main representative")
    DEPUTY_REPRESENTATIVE = (
        "deputy_representative",
        pgettext_lazy("participant role", "Deputy representative"),
    )
    STAFF = "staff", pgettext_lazy("participant role", "Staff")


class Attendance(models.TextChoices):
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    # Translators: a committee member who sent apologies for not attending (Arabic «معتذر»).
    EXCUSED = "excused", pgettext_lazy("attendance", "Excused")


class NextStepStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("next step status", "Open")
    DONE = "done", pgettext_lazy("next step status", "Done")
    DROPPED = "dropped", pgettext_lazy("next step status", "Dropped")


class Honorific(models.TextChoices):
    # Translators: honorific before a man's name in minutes (Arabic «السيد»).
    MR = "mr", pgettext_lazy("honorific", "Mr")
    # Translators: honorific before a woman's name in minutes (Arabic «السيدة»).
    MS = "ms", pgettext_lazy("honorific", "Ms")
