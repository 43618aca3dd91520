"""A signed-in user's pages stay in no cache: signing out on a shared computer leaves none."""

import pytest

NO_STORE = {"private", "no-store"}


def directives(response):
    return {item.strip() for item in response.get("Cache-Control", "").split(",") if item.strip()}


@pytest.mark.django_db
def test_my_commitments_are_kept_by_no_cache(client, owning_lead, commitment):
    client.force_login(owning_lead)

    response = client.get("/ar/my/commitments/")

    assert response.status_code == 200
    assert NO_STORE <= directives(response)


@pytest.mark.django_db
def test_report_form_is_kept_by_no_cache(client, owning_lead, commitment):
    client.force_login(owning_lead)

    response = client.get(f"/ar/my/commitments/{commitment.pk}/update/")

    assert response.status_code == 200
    assert NO_STORE <= directives(response)


@pytest.mark.django_db
def test_public_page_seen_by_a_signed_in_lead_is_kept_by_no_cache(client, owning_lead, commitment):
    client.force_login(owning_lead)

    response = client.get(f"/ar/plans/{commitment.plan.number}/")

    assert NO_STORE <= directives(response)


@pytest.mark.django_db
def test_admin_is_kept_by_no_cache(client, secretariat):
    client.force_login(secretariat)

    response = client.get("/ar/admin/")

    assert NO_STORE <= directives(response)


@pytest.mark.django_db
def test_public_page_of_an_anonymous_visitor_may_be_kept(client, commitment):
    response = client.get(f"/ar/plans/{commitment.plan.number}/")

    assert "no-store" not in directives(response)
