"""An Atom feed of each plan's published progress reports, for readers who follow a plan.

Atom requires an author for the feed or every entry (RFC 4287, 4.1.1): each
report's is the institution that leads the commitment, the feed's the
secretariat that publishes the reports.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from commitments.models import ActionPlan, ProgressSnapshot

ITEMS = 30


class PlanProgressFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, number):
        return get_object_or_404(ActionPlan, number=number)

    def title(self, plan):
        return _("Progress reports: %(plan)s") % {"plan": plan.title}

    def subtitle(self, plan):
        return _("The latest progress reports published on the plan's commitments.")

    def link(self, plan):
        return reverse("commitments:plan_dashboard", args=[plan.number])

    def author_name(self, plan):
        return publisher()

    def items(self, plan):
        return (
            ProgressSnapshot.objects.published()
            .filter(commitment__plan=plan)
            .select_related("commitment__plan", "commitment__lead_institution")
            .order_by("-published_at", "-date", "-pk")[:ITEMS]
        )

    def item_title(self, snapshot):
        commitment = snapshot.commitment
        return f"{commitment.number}. {commitment.title} — {snapshot.percent} %"

    def item_author_name(self, snapshot):
        return snapshot.commitment.lead_institution.name

    def item_description(self, snapshot):
        """The actions taken, as HTML (feed readers show entries as HTML)."""
        return linebreaksbr(snapshot.narrative or snapshot.schedule, autoescape=True)

    def item_link(self, snapshot):
        commitment = snapshot.commitment
        page = reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )
        return f"{page}#report-{snapshot.pk}"

    def item_pubdate(self, snapshot):
        # Reports typed in from old minutes carry no publication time: their own date.
        return snapshot.published_at or _midnight(snapshot.date)

    def item_updateddate(self, snapshot):
        return snapshot.updated_at


def publisher():
    # Translators: the author of the site's Atom feeds, the body that publishes them.
    return _("Permanent secretariat of Open Government in Morocco")


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
