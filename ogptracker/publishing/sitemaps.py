"""The public pages for search engines: /sitemap.xml, an index of sections whose
pages list every public page in ar, fr and en (each with its other languages),
and /robots.txt, which points to it."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
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
    def items(self):
        return ["commitments:home", "meetings:meeting_list", "commitments:open_data"]

    def location(self, name):
        return reverse(name)


class PlanPages(PublicSitemap):
    def items(self):
        return ActionPlan.objects.only("number").order_by("number")

    def location(self, plan):
        return reverse("commitments:plan_dashboard", args=[plan.number])


class CommitmentPages(PublicSitemap):
    def items(self):
        return (
            Commitment.objects.select_related("plan")
            .only("number", "updated_at", "plan__number")
            .order_by("plan__number", "number")
        )

    def location(self, commitment):
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )

    def lastmod(self, commitment):
        return commitment.updated_at


class InstitutionPages(PublicSitemap):
    def items(self):
        led = Institution.objects.filter(led_commitments__isnull=False)
        return led.distinct().only("pk").order_by("pk")

    def location(self, institution):
        return reverse("commitments:institution_detail", args=[institution.pk])


class MinutesPages(PublicSitemap):
    def items(self):
        return Meeting.objects.published().only("updated_at").order_by("pk")

    def location(self, meeting):
        return reverse("meetings:minutes", args=[meeting.pk])

    def lastmod(self, meeting):
        return meeting.updated_at


SITEMAPS = {
    "sections": SectionPages,
    "plans": PlanPages,
    "commitments": CommitmentPages,
    "institutions": InstitutionPages,
    "minutes": MinutesPages,
}


def robots_txt(request):
    """Crawlers may read the public pages; the leads' and sign-in pages are not for them."""
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/my/", f"Disallow: /{code}/accounts/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
