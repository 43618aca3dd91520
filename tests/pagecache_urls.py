"""Small views under the page cache, to test it apart from the public pages."""

from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.translation import get_language

from commitments.models import Commitment
from ogptracker.pagecache import cache_public_page


@cache_public_page
def progress(request, pk):
    commitment = Commitment.objects.with_latest_progress().get(pk=pk)
    leads = commitment.leads.count()
    return HttpResponse(f"{commitment.title}: {commitment.latest_percent} % ({leads} leads)")


@cache_public_page
def address(request):
    return HttpResponse(f"{get_language()} {request.build_absolute_uri()}")


@cache_public_page
def with_form_token(request):
    return HttpResponse(f"token {get_token(request)}")


@cache_public_page
def missing(request):
    return HttpResponseNotFound(f"not found {Commitment.objects.count()}")


@cache_public_page
def slow(request):
    # A query as slow as a search of the whole data on a busy day.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(2)")
    return HttpResponse("done")


urlpatterns = [
    path("progress/<int:pk>/", progress),
    path("address/", address, name="address"),
    path("form/", with_form_token),
    path("missing/", missing),
    path("slow/", slow),
    path("api/slow/", slow),
]
