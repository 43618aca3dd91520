"""The states of a question and the kinds of notice a follower receives."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionStatus(models.TextChoices):
    # Translators: a question waiting for the secretariat's moderation.
    HELD = "held", pgettext_lazy("question", "held for moderation")
    # Translators: a question shown on the public pages.
    PUBLISHED = "published", pgettext_lazy("question", "published")
    # Translators: a question the secretariat did not publish.
    REFUSED = "refused", pgettext_lazy("question", "refused")


class Moderation(models.TextChoices):
    """When the secretariat reads a question: `PARTICIPATION_MODERATION`."""

    BEFORE = "before", _("before publication")
    AFTER = "after", _("after publication")


class NoticeKind(models.TextChoices):
    REPORT_PUBLISHED = "report", _("progress report published")
    MINUTES_PUBLISHED = "minutes", _("minutes published")
    MEETING_SCHEDULED = "meeting", _("meeting scheduled")


class FollowTarget(models.TextChoices):
    COMMITMENT = "commitment", _("commitment")
    PLAN = "plan", _("action plan")
    COMMITTEE = "committee", _("committee")
