"""An Atom feed of each plan's published progress reports, for readers who follow a plan.

Atom requires an author for the feed or every entry (RFC 4287, 4.1.1): each
report's is the institution that leads the commitment, the feed's the
secretariat that publishes the reports.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from commitments.models import ActionPlan, Commitment, ProgressReport
from meetings.models import Committee
from ogptracker.common import languages
from ogptracker.participation.enums import FollowTarget, NoticeKind
from ogptracker.participation.models import Notice
from ogptracker.participation.notices import notice_path

ITEMS = 30


class PlanProgressFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, number: int) -> ActionPlan:
        return get_object_or_404(ActionPlan, number=number)

    def title(self, plan: ActionPlan) -> str:
        return _("Progress reports: %(plan)s") % {"plan": plan.title}

    def subtitle(self, plan: ActionPlan) -> str:
        return _("The latest progress reports published on the plan's commitments.")

    def link(self, plan: ActionPlan) -> str:
        return reverse("commitments:plan_dashboard", args=[plan.number])

    def author_name(self, plan: ActionPlan) -> str:
        return publisher()

    def items(self, plan: ActionPlan) -> QuerySet[ProgressReport]:
        # The official reports: each entry's author is the commitment's lead institution.
        return (
            ProgressReport.objects.published()
            .official()
            .filter(commitment__plan=plan)
            .select_related("commitment__plan", "commitment__lead_institution")
            .order_by("-published_at", "-date", "-pk")[:ITEMS]
        )

    def item_title(self, report: ProgressReport) -> str:
        commitment = report.commitment
        # Plain text: a title falling back to Arabic is isolated right to left.
        return f"{commitment.number}. {languages.plain(commitment, 'title')} — {report.percent} %"

    def item_author_name(self, report: ProgressReport) -> str:
        return report.commitment.lead_institution.name

    def item_description(self, report: ProgressReport) -> str:
        """The actions taken, as HTML (feed readers show entries as HTML)."""
        name = "narrative" if report.narrative else "schedule"
        text = linebreaksbr(getattr(report, name), autoescape=True)
        return languages.marked(text, languages.shown_language(report, name))

    def item_link(self, report: ProgressReport) -> str:
        commitment = report.commitment
        page = reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )
        return f"{page}#report-{report.pk}"

    def item_pubdate(self, report: ProgressReport) -> datetime.datetime:
        # Reports typed in from old minutes carry no publication time: their own date.
        return report.published_at or _midnight(report.date)

    def item_updateddate(self, report: ProgressReport) -> datetime.datetime:
        return report.updated_at


class FollowFeed(Feed):
    """What followers of a commitment, a plan or a committee are told by e-mail: the
    reports and minutes published, the meetings set, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, kind: str, pk: int):
        if kind == FollowTarget.COMMITMENT:
            return get_object_or_404(Commitment.objects.select_related("plan"), pk=pk)
        if kind == FollowTarget.PLAN:
            return get_object_or_404(ActionPlan, pk=pk)
        if kind == FollowTarget.COMMITTEE:
            return get_object_or_404(Committee, pk=pk)
        raise Http404("Nothing of that kind is followed.")

    def title(self, target) -> str:
        return _("News of %(target)s") % {"target": target}

    def subtitle(self, target) -> str:
        return _("Progress reports and minutes published, meetings set.")

    def link(self, target) -> str:
        if isinstance(target, Commitment):
            return reverse(
                "commitments:commitment_detail", args=[target.plan.number, target.number]
            )
        if isinstance(target, ActionPlan):
            return reverse("commitments:plan_dashboard", args=[target.number])
        return reverse("meetings:meeting_list")

    def author_name(self, target) -> str:
        return publisher()

    def items(self, target) -> QuerySet[Notice]:
        notices = Notice.objects.still_public().for_feed()
        if isinstance(target, Commitment):
            notices = notices.of_commitment(target)
        elif isinstance(target, ActionPlan):
            notices = notices.of_plan(target)
        else:
            notices = notices.of_committee(target)
        return notices[:ITEMS]

    def item_title(self, notice: Notice) -> str:
        if notice.kind == NoticeKind.REPORT_PUBLISHED:
            commitment = notice.report.commitment
            return _("Progress report published: %(commitment)s — %(percent)s %%") % {
                "commitment": languages.plain_numbered(commitment),
                "percent": notice.report.percent,
            }
        day = date_format(notice.meeting.date, "j F Y")
        if notice.kind == NoticeKind.MINUTES_PUBLISHED:
            return _("Minutes published: %(committee)s, %(date)s") % {
                "committee": languages.plain(notice.committee, "name"),
                "date": day,
            }
        return _("Meeting set: %(committee)s, %(date)s") % {
            "committee": languages.plain(notice.committee, "name"),
            "date": day,
        }

    def item_description(self, notice: Notice) -> str:
        return escape(self.item_title(notice))

    def item_link(self, notice: Notice) -> str:
        return notice_path(notice)

    def item_guid(self, notice: Notice) -> str:
        return f"notice-{notice.pk}"

    def item_guid_is_permalink(self, notice: Notice) -> bool:
        return False

    def item_pubdate(self, notice: Notice) -> datetime.datetime:
        return notice.created_at


def publisher() -> str:
    # Translators: the author of the site's Atom feeds, the body that publishes them.
    return _("Permanent secretariat of Open Government in Morocco")


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
