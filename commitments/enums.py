"""Choices shared by the commitments and meetings apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Public agency")
    PARLIAMENT = "parliament", _("Parliament")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", pgettext_lazy("institution kind", "Other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "In preparation")
    ACTIVE = "active", pgettext_lazy("plan status", "Under implementation")
    EXTENDED = "extended", pgettext_lazy("plan status", "Extended")
    CLOSED = "closed", pgettext_lazy("plan status", "Completed")


class OGPValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to information")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Public accountability")
    TECHNOLOGY_INNOVATION = "technology_innovation", _("Technology and innovation")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("activity status", "In progress")
    DONE = "done", pgettext_lazy("activity status", "Done")
    POSTPONED = "postponed", pgettext_lazy("activity status", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "Cancelled")


class PlatformStatus(models.TextChoices):
    # Translators: answer to "was the tracking platform updated?"
    YES = "yes", pgettext_lazy("platform updated", "Yes")
    # Translators: answer to "was the tracking platform updated?"
    NO = "no", pgettext_lazy("platform updated", "No")
    # Translators: answer to "was the tracking platform updated?"
    PARTLY = "partly", pgettext_lazy("platform updated", "Partly")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned for revision")
    PUBLISHED = "published", pgettext_lazy("report status", "Published")


class ReportVoice(models.TextChoices):
    """Whose word a report is: the government's leads, or the civil-society co-leads'."""

    # Translators: whose progress report: the public administration's.
    GOVERNMENT = "government", pgettext_lazy("report voice", "Government")
    # Translators: whose progress report: the civil-society co-leads'.
    CIVIL_SOCIETY = "civil_society", pgettext_lazy("report voice", "Civil society")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("meeting status", "Draft")
    PUBLISHED = "published", pgettext_lazy("meeting status", "Published")
