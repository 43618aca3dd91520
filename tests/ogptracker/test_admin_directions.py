"""Every admin form types French and English left to right, Arabic right to left."""

import re

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.urls import resolve, reverse

from commitments.enums import ReportStatus
from tests.factories import make_activity, make_meeting, make_report, make_user

EXPECTED_DIRECTION = {"ar": "rtl", "zgh": "ltr", "fr": "ltr", "en": "ltr"}


@pytest.fixture
def one_of_each(db):
    activity = make_activity()
    meeting = make_meeting()
    make_report(activity.commitment, meeting=meeting)
    make_report(activity.commitment, status=ReportStatus.SUBMITTED)
    meeting.participants.create(name="حاتم مورادي", order=1)
    meeting.agenda_items.create(order=1, title="تقدم الإنجاز")
    meeting.next_steps.create(order=1, text="برمجة لقاء")
    activity.commitment.plan.progress_records.create(date="2025-03-18", percent=29)
    activity.commitment.plan.axes.create(number=1, title="الشفافية والمشاركة")


@pytest.fixture
def superuser(db):
    return make_user("root", is_superuser=True, is_staff=True)


def page_request(user, model, obj):
    """A request for the model's add page, or `obj`'s change page."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    url = reverse(f"{prefix}_change", args=[obj.pk]) if obj else reverse(f"{prefix}_add")
    request = RequestFactory().get(url)
    request.user, request.resolver_match = user, resolve(url)
    return request


def translated_widgets(model, form):
    """(form name, field language, the widget's dir and lang) of each translated field."""
    for name, field in form.base_fields.items():
        try:
            language = getattr(model._meta.get_field(name), "language", None)
        except FieldDoesNotExist:
            continue
        if language:
            widget = field.widget
            while hasattr(widget, "widget"):
                widget = widget.widget
            yield name, language, widget.attrs.get("dir"), widget.attrs.get("lang")


def every_admin_form(user):
    """Each registered model page's form, add and change, and its inlines' forms."""
    for model, model_admin in admin.site._registry.items():
        for obj in (None, model._default_manager.order_by("pk").first()):
            request = page_request(user, model, obj)
            label = f"{model._meta.label} {'change' if obj else 'add'}"
            yield label, model, model_admin.get_form(request, obj)
            for inline in model_admin.get_inline_instances(request, obj):
                formset = inline.get_formset(request, obj)
                yield f"{label}, inline {inline.model._meta.label}", inline.model, formset.form


def test_every_translated_field_of_every_admin_form_follows_its_language(one_of_each, superuser):
    checked, wrong = [], []

    for label, model, form in every_admin_form(superuser):
        for name, language, direction, lang in translated_widgets(model, form):
            checked.append(language)
            if (direction, lang) != (EXPECTED_DIRECTION[language], language):
                wrong.append(f"{label}: {name} has dir={direction} lang={lang}")

    assert wrong == []
    # The walk reached the translated fields of every language.
    assert (checked.count("ar") > 50, checked.count("fr") > 50, checked.count("en") > 50) == (
        True,
        True,
        True,
    )


def test_commitment_page_renders_french_left_to_right_on_the_arabic_admin(client, secretariat):
    activity = make_activity()
    client.force_login(secretariat)

    response = client.get(
        reverse("admin:commitments_commitment_change", args=[activity.commitment.pk])
    )

    tags = {
        name: re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', response.text).group()
        for name in ("title_ar", "title_fr", "description_en")
    }
    assert [('dir="rtl"' in tag, 'dir="ltr"' in tag) for tag in tags.values()] == [
        (True, False),
        (False, True),
        (False, True),
    ]
