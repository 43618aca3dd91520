"""The public pages for search engines: /sitemap.xml, an index of sections whose
pages list every public page in ar, fr and en (each with its other languages),
and /robots.txt, which points to it."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from commitments.models import ActionPlan, Commitment, Institution
from meetings.models import Meeting


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Addresses (a page in one language) per sitemap page: a page is built in
    # well under a second however many commitments there are.
    limit = 1000


class SectionPages(PublicSitemap):
    def items(self) -> list[str]:
        return ["commitments:home", "meetings:meeting_list", "commitments:open_data"]

    def location(self, name: str) -> str:
        return reverse(name)


class PlanPages(PublicSitemap):
    def items(self) -> QuerySet[ActionPlan]:
        return ActionPlan.objects.only("number").order_by("number")

    def location(self, plan: ActionPlan) -> str:
        return reverse("commitments:plan_dashboard", args=[plan.number])


class CommitmentPages(PublicSitemap):
    def items(self) -> QuerySet[Commitment]:
        return (
            Commitment.objects.select_related("plan")
            .only("number", "updated_at", "plan__number")
            .order_by("plan__number", "number")
        )

    def location(self, commitment: Commitment) -> str:
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )

    def lastmod(self, commitment: Commitment) -> datetime.datetime:
        return commitment.updated_at


class InstitutionPages(PublicSitemap):
    def items(self) -> QuerySet[Institution]:
        led = Institution.objects.filter(led_commitments__isnull=False)
        return led.distinct().only("pk").order_by("pk")

    def location(self, institution: Institution) -> str:
        return reverse("commitments:institution_detail", args=[institution.pk])


class MinutesPages(PublicSitemap):
    def items(self) -> QuerySet[Meeting]:
        return Meeting.objects.published().only("updated_at").order_by("pk")

    def location(self, meeting: Meeting) -> str:
        return reverse("meetings:minutes", args=[meeting.pk])

    def lastmod(self, meeting: Meeting) -> datetime.datetime:
        return meeting.updated_at


SITEMAPS = {
    "sections": SectionPages,
    "plans": PlanPages,
    "commitments": CommitmentPages,
    "institutions": InstitutionPages,
    "minutes": MinutesPages,
}


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages; the leads' and sign-in pages are not for them."""
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/my/", f"Disallow: /{code}/accounts/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
