"""The open-data page, and a plan's datasets as files to download."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from commitments.models import ActionPlan
from ogptracker.pagecache import cache_public_page

from . import opendata
from .params import page_of
from .views import PLANS_PER_PAGE


@require_safe
@cache_public_page
def plan_download(request: HttpRequest, number: int, dataset: str, fmt: str) -> HttpResponse:
    if dataset in opendata.FORMER_NAMES and fmt in opendata.FORMATS:
        renamed = opendata.FORMER_NAMES[dataset]
        return redirect("commitments:plan_download", number, renamed, fmt, permanent=True)
    if dataset not in opendata.DATASETS or fmt not in opendata.FORMATS:
        raise Http404
    plan = get_object_or_404(ActionPlan, number=number)
    dataset = opendata.DATASETS[dataset]
    content, content_type = opendata.render(dataset, plan, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{opendata.filename(dataset, plan, fmt)}"'
    )
    return response


@require_safe
@cache_public_page
def open_data(request: HttpRequest) -> HttpResponse:
    plans = opendata.plans_with_dataset_sizes()
    page = page_of(request, plans, PLANS_PER_PAGE)
    return render(
        request,
        "publishing/open_data.html",
        {
            "page": page,
            "plans": list(opendata.with_datasets(page)),
            "datasets": opendata.DATASETS.values(),
            "formats": list(opendata.FORMATS),
        },
    )
