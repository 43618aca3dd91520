"""With DEBUG off, errors are explained in the visitor's language, not Django's bare pages."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation
from django.views.defaults import permission_denied, server_error


@pytest.mark.django_db
def test_unknown_page_answers_404_in_arabic(client):
    response = client.get("/ar/no-such-page/")

    assert response.status_code == 404
    assert "<h1>الصفحة غير موجودة</h1>" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_answers_404_in_french(client):
    response = client.get("/fr/no-such-page/")

    assert "<h1>Page introuvable</h1>" in response.content.decode()


@pytest.mark.django_db
def test_refusal_page_is_translated(rf, owning_lead):
    request = rf.get("/ar/my/commitments/1/update/")
    request.user = owning_lead

    with translation.override("ar"):
        response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "<h1>الولوج مرفوض</h1>" in response.content.decode()


def test_server_error_page_needs_neither_database_nor_request_context():
    with translation.override("ar"):
        response = server_error(RequestFactory().get("/ar/"))

    content = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in content
    assert "<h1>خطأ في الخادم</h1>" in content


def server_error_handler():
    return get_resolver().resolve_error_handler(500)


def test_server_error_page_takes_the_language_of_the_address_not_the_previous_request():
    # The thread still holds the language of a French page it served before.
    translation.activate("fr")

    response = server_error_handler()(RequestFactory().get("/ar/"))

    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "<h1>خطأ في الخادم</h1>" in content


def test_server_error_page_of_a_french_address_is_french():
    translation.activate("ar")

    response = server_error_handler()(RequestFactory().get("/fr/plans/1/"))

    assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_api_server_error_answers_json():
    response = server_error_handler()(RequestFactory().get("/api/plans/"))

    assert (response.status_code, json.loads(response.content)) == (500, {"error": "Server error."})


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/plans/", 503), ("/ar/", 503)],
)
def test_unreachable_database_answers_503_to_try_again(url, status):
    handler = server_error_handler()
    try:
        raise OperationalError("could not connect to server: No such file or directory")
    except OperationalError:
        # Django calls the handler while it handles the exception.
        response = handler(RequestFactory().get(url))

    assert (response.status_code, response["Retry-After"]) == (status, "30")


def test_api_not_found_from_outside_its_views_answers_json():
    handler = get_resolver().resolve_error_handler(404)

    response = handler(RequestFactory().get("/api/plans/1/"), Http404())

    assert (response.status_code, json.loads(response.content)) == (404, {"error": "Not found."})
