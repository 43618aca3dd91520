"""`{% plan_downloads plan %}`: the links to a plan's open-data files, for any public page."""

from typing import Any

from django import template

from commitments.models import ActionPlan
from ogptracker.publishing import opendata

register = template.Library()


@register.inclusion_tag("publishing/_plan_downloads.html")
def plan_downloads(plan: ActionPlan) -> dict[str, Any]:
    return {
        "plan": plan,
        "datasets": opendata.DATASETS.values(),
        "formats": list(opendata.FORMATS),
    }
