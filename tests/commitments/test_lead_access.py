"""Who may open which lead page: the fixed cast over every lead URL."""

import pytest
from django.urls import reverse

from commitments.enums import ActivityStatus, ReportStatus
from tests.commitments.lead_forms import load_report_form, post_report
from tests.factories import make_activity, make_commitment, make_evidence, make_report

CAST = ["anonymous", "owning_lead", "other_lead", "secretariat"]
LOGIN = "login"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def urls(commitment):
    draft = make_report(commitment, status=ReportStatus.DRAFT)
    published = make_report(commitment, status=ReportStatus.PUBLISHED)
    return {
        "my_commitments": reverse("leads:my_commitments"),
        "commitment_update": reverse("leads:commitment_update", args=[commitment.pk]),
        "draft_evidence": reverse("leads:evidence_download", args=[make_evidence(draft).pk]),
        "published_evidence": reverse(
            "leads:evidence_download", args=[make_evidence(published).pk]
        ),
    }


def _client_as(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


# (url, method) -> expected outcome for each member of the cast, in CAST order.
TABLE = {
    ("my_commitments", "get"): [LOGIN, 200, 200, 200],
    ("commitment_update", "get"): [LOGIN, 200, 404, 200],
    ("commitment_update", "post"): [LOGIN, 302, 404, 403],
    ("draft_evidence", "get"): [404, 200, 404, 200],
    ("published_evidence", "get"): [200, 200, 200, 200],
}
CASES = [
    pytest.param(url, method, who, expected[index], id=f"{url}-{method}-{who}")
    for (url, method), expected in TABLE.items()
    for index, who in enumerate(CAST)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "method", "who", "expected"), CASES)
def test_lead_urls_answer_each_member_of_the_cast(
    client, request, urls, commitment, url_name, method, who, expected
):
    client = _client_as(client, request, who)
    data = {"version": commitment.version, "percent": 40, "action": "draft"}
    data.update({"form-TOTAL_FORMS": 0, "form-INITIAL_FORMS": 0})

    response = getattr(client, method)(urls[url_name], data if method == "post" else None)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.django_db
def test_my_commitments_lists_only_the_commitments_a_lead_leads(client, owning_lead, commitment):
    client.force_login(owning_lead)

    response = client.get(reverse("leads:my_commitments"))

    assert [c.pk for c in response.context["commitments"]] == [commitment.pk]


@pytest.mark.django_db
def test_my_commitments_lists_every_commitment_for_the_secretariat(client, secretariat, commitment):
    client.force_login(secretariat)

    response = client.get(reverse("leads:my_commitments"))

    assert len(response.context["commitments"]) == 2


@pytest.mark.django_db
def test_another_leads_commitment_404_gives_no_hint(client, other_lead, commitment):
    client.force_login(other_lead)

    response = client.get(reverse("leads:commitment_update", args=[commitment.pk]))

    assert response.status_code == 404
    assert commitment.title not in response.content.decode()


@pytest.mark.django_db
def test_report_form_ignores_a_forged_activity_of_another_commitment(
    client, owning_lead, commitment
):
    foreign = make_activity(make_commitment(), 1)
    own = make_activity(commitment, 1)
    client.force_login(owning_lead)
    data = load_report_form(client, commitment)
    data.update({"form-0-id": str(foreign.pk), "form-0-status": ActivityStatus.CANCELLED})

    post_report(client, commitment, data)

    foreign.refresh_from_db()
    own.refresh_from_db()
    assert (foreign.status, own.status) == (ActivityStatus.PLANNED, ActivityStatus.PLANNED)
    assert foreign.history.count() == 1
