"""With DEBUG off, errors are explained in the visitor's language, not Django's bare pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
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
