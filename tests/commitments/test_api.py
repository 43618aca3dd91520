"""The read-only JSON API under /api/."""

import datetime

import pytest
from django.test import Client

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import PlanProgress
from meetings.enums import CommitteeKind, NextStepStatus
from meetings.models import AgendaItem, Participant
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def _plan_with(commitments, number=1):
    plan = make_plan(number)
    for n in range(1, commitments + 1):
        commitment = make_commitment(plan, n)
        make_report(commitment, 40, date=datetime.date(2020, 2, 1))
        make_report(commitment, n % 101, date=datetime.date(2020, 6, 17))
        make_report(commitment, 100, date=datetime.date(2020, 9, 18), status="submitted")
    return plan


def _meetings(count, plan=None):
    committee = make_committee(plan)
    meetings = []
    for n in range(1, count + 1):
        meeting = make_meeting(committee, sequence=n, date=datetime.date(2020, 1, n))
        for order in (1, 2):
            AgendaItem.objects.create(meeting=meeting, order=order, title=f"نقطة {order}")
        for name in ("حاتم مورادي", "هدى بويهي", "سلمى المودني"):
            Participant.objects.create(meeting=meeting, name=name)
        make_next_step(meeting, f"قرار الاجتماع {n}", order=1)
        meetings.append(meeting)
    return meetings


def test_api_index_lists_the_entry_points(client):
    response = client.get("/api/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"plans": f"{BASE}/api/plans/", "meetings": f"{BASE}/api/meetings/"}


def test_api_plans_lists_plans_with_links_and_downloads(client):
    plan = _plan_with(2)
    plan.title_fr = "Plan d'action national 2018-2020"
    plan.save()

    response = client.get("/api/plans/")

    assert response.json()["count"] == 1
    first = response.json()["results"][0]
    assert {k: first[k] for k in ("number", "title_fr", "title_en", "start", "status")} == {
        "number": 1,
        "title_fr": "Plan d'action national 2018-2020",
        "title_en": "",
        "start": "2018-08-01",
        "status": "active",
    }
    assert first["commitments_count"] == 2
    assert first["url"] == f"{BASE}/api/plans/1/"
    assert first["commitments_url"] == f"{BASE}/api/plans/1/commitments/"
    assert first["downloads"]["reports"]["csv"] == f"{BASE}/ar/plans/1/data/reports.csv"


def test_api_plans_answers_arabic_unescaped(client):
    _plan_with(1)

    response = client.get("/api/plans/")

    assert "خطة العمل الوطنية 1".encode() in response.content


def test_api_plan_detail_has_axes_and_recorded_progress(client):
    plan = _plan_with(1)
    plan.axes.create(number=1, title="الشفافية", title_en="Transparency")
    PlanProgress.objects.create(plan=plan, date=datetime.date(2020, 9, 18), percent=86)

    body = client.get("/api/plans/1/").json()

    assert body["axes"] == [
        {
            "number": 1,
            "title_ar": "الشفافية",
            "title_zgh": "",
            "title_fr": "",
            "title_en": "Transparency",
        }
    ]
    assert body["progress_records"] == [
        {
            "date": "2020-09-18",
            "percent": 86,
            "note_ar": "",
            "note_zgh": "",
            "note_fr": "",
            "note_en": "",
        }
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/api/plans/9/",
        "/api/plans/9/commitments/",
        "/api/plans/9/activities/",
        "/api/plans/9/reports/",
        "/api/plans/9/next-steps/",
    ],
)
def test_api_unknown_plan_answers_json_404(client, url):
    _plan_with(1)

    response = client.get(url)

    assert response.status_code == 404
    assert response.json() == {"error": "No action plan number 9."}


def test_api_unknown_endpoint_answers_json_404(client):
    response = client.get("/api/plans/one/")

    assert response.status_code == 404
    assert response.json() == {"error": "No such API endpoint; see /api/ for the list."}


def test_api_path_without_slash_redirects(client):
    assert client.get("/api/plans").url == "/api/plans/"


def test_api_next_steps_former_address_redirects_for_good_with_its_query(client):
    response = client.get("/api/plans/1/decisions/?status=done&page=2")

    assert (response.status_code, response["Location"]) == (
        301,
        "/api/plans/1/next-steps/?status=done&page=2",
    )


def test_api_reports_former_address_redirects_for_good_with_its_query(client):
    response = client.get("/api/plans/1/snapshots/?commitment=6")

    assert (response.status_code, response["Location"]) == (
        301,
        "/api/plans/1/reports/?commitment=6",
    )


API_PATHS = [
    "/api/",
    "/api/plans/",
    "/api/plans/1/",
    "/api/plans/1/commitments/",
    "/api/plans/1/activities/",
    "/api/plans/1/reports/",
    "/api/plans/1/next-steps/",
    "/api/plans/1/snapshots/",
    "/api/plans/1/decisions/",
    "/api/meetings/",
    "/api/no/such/endpoint/",
]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_refuses_writing_methods_in_json_with_allow(method):
    # A browser's form or script posting without a CSRF token: the API answers
    # for itself, not with Django's CSRF page.
    client = Client(enforce_csrf_checks=True)

    responses = {path: getattr(client, method)(path) for path in API_PATHS}

    assert {path: response.status_code for path, response in responses.items()} == dict.fromkeys(
        API_PATHS, 405
    )
    response = responses["/api/plans/"]
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {
        "error": f"The API is read-only: GET, HEAD, OPTIONS, not {method.upper()}."
    }


def test_api_answers_options_with_its_methods():
    responses = {path: Client().options(path) for path in API_PATHS}

    assert {path: response["Allow"] for path, response in responses.items()} == dict.fromkeys(
        API_PATHS, "GET, HEAD, OPTIONS"
    )
    response = responses["/api/plans/"]
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert response.json() == {"methods": ["GET", "HEAD", "OPTIONS"]}


def test_api_commitments_carry_latest_published_progress(client):
    _plan_with(2)

    results = client.get("/api/plans/1/commitments/").json()["results"]

    assert [(r["commitment_number"], r["latest_percent"], r["latest_date"]) for r in results] == [
        (1, 1, "2020-06-17"),
        (2, 2, "2020-06-17"),
    ]
    assert results[0]["reports_url"] == f"{BASE}/api/plans/1/reports/?commitment=1"
    assert results[0]["activities_url"] == f"{BASE}/api/plans/1/activities/?commitment=1"
    assert results[0]["title_ar"] == "الالتزام 1"


def test_api_activities_list_the_plans_activities_by_commitment(client):
    plan = _plan_with(2)
    for commitment in plan.commitments.all():
        for number in (1, 2):
            make_activity(commitment, number, title=f"النشاط {number}")
    make_activity(make_commitment(make_plan(2), 1), 1)

    every = client.get("/api/plans/1/activities/").json()
    second = client.get("/api/plans/1/activities/?commitment=2").json()

    assert [(r["commitment_number"], r["activity_number"]) for r in every["results"]] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
    ]
    assert [(r["commitment_number"], r["title_ar"]) for r in second["results"]] == [
        (2, "النشاط 1"),
        (2, "النشاط 2"),
    ]


def test_api_reports_never_include_unpublished_ones(client):
    plan = _plan_with(1)
    commitment = plan.commitments.get()
    for status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        make_report(commitment, 99, status=status)

    results = client.get("/api/plans/1/reports/").json()["results"]

    assert [(r["date"], r["percent"]) for r in results] == [
        ("2020-02-01", 40),
        ("2020-06-17", 1),
    ]


def test_api_reports_filter_by_commitment_number(client):
    _plan_with(3)

    body = client.get("/api/plans/1/reports/?commitment=2").json()

    assert [(r["commitment_number"], r["percent"]) for r in body["results"]] == [(2, 40), (2, 2)]


def test_api_reports_filter_by_date(client):
    _plan_with(2)

    body = client.get("/api/plans/1/reports/?date=2020-06-17").json()

    assert [(r["commitment_number"], r["date"]) for r in body["results"]] == [
        (1, "2020-06-17"),
        (2, "2020-06-17"),
    ]


def test_api_reports_leave_out_the_rows_of_draft_minutes_whatever_their_status(client):
    plan = _plan_with(1)
    draft = make_meeting(status=MeetingStatus.DRAFT)
    make_report(plan.commitments.get(), 70, date=datetime.date(2020, 12, 1), meeting=draft)

    results = client.get("/api/plans/1/reports/").json()["results"]

    assert [(r["percent"], r["meeting_id"]) for r in results] == [(40, None), (1, None)]


def test_api_pagination_links_pages_absolutely(client):
    _plan_with(5)

    first = client.get("/api/plans/1/commitments/?page_size=2").json()
    last = client.get("/api/plans/1/commitments/?page_size=2&page=3").json()

    assert (first["count"], first["previous"]) == (5, None)
    assert first["next"] == f"{BASE}/api/plans/1/commitments/?page_size=2&page=2"
    assert [r["commitment_number"] for r in first["results"]] == [1, 2]
    assert last["previous"] == f"{BASE}/api/plans/1/commitments/?page=2&page_size=2"
    assert (last["next"], [r["commitment_number"] for r in last["results"]]) == (None, [5])


def test_api_pagination_defaults_to_50_and_caps_at_200(client):
    _plan_with(1)
    plan = make_plan(2)
    for n in range(1, 202):
        make_report(make_commitment(plan, n) if n == 1 else plan.commitments.get(number=1), 5)

    default = client.get("/api/plans/2/reports/").json()
    capped = client.get("/api/plans/2/reports/?page_size=1000").json()

    assert (default["count"], len(default["results"])) == (201, 50)
    assert (len(capped["results"]), capped["next"].endswith("page=2")) == (200, True)


def test_api_empty_list_has_one_empty_page(client):
    body = client.get("/api/meetings/").json()

    assert body == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("page=0", "`page` must be a positive integer, got '0'."),
        ("page=two", "`page` must be a positive integer, got 'two'."),
        ("page=-1", "`page` must be a positive integer, got '-1'."),
        ("page=%C2%B2", "`page` must be a positive integer, got '²'."),
        ("page=4", "Page 4 does not exist: the last page is 3."),
        ("page_size=0", "`page_size` must be a positive integer, got '0'."),
        ("commitment=x", "`commitment` must be a positive integer, got 'x'."),
        ("date=17/06/2020", "`date` must be a date as YYYY-MM-DD, got '17/06/2020'."),
    ],
)
def test_api_bad_page_answers_json_400(client, query, error):
    _plan_with(5)

    response = client.get(f"/api/plans/1/reports/?page_size=4&{query}")

    assert response.status_code == 400
    assert response.json() == {"error": error}


def test_api_meetings_list_published_meetings_with_agenda_and_participants(client):
    plan = _plan_with(1)
    meeting = _meetings(1, plan)[0]
    meeting.start_time = datetime.time(14, 0)
    meeting.save()
    make_meeting(make_committee(plan, CommitteeKind.STEERING), status=MeetingStatus.DRAFT)

    body = client.get("/api/meetings/").json()

    assert body["count"] == 1
    result = body["results"][0]
    assert result["id"] == meeting.pk
    assert result["committee"] == {
        "kind": "execution",
        "name_ar": "لجنة التنفيذ",
        "name_zgh": "",
        "name_fr": "",
        "name_en": "",
        "plan_number": 1,
    }
    assert (result["date"], result["start_time"], result["participants_count"]) == (
        "2020-01-01",
        "14:00",
        3,
    )
    assert [item["title_ar"] for item in result["agenda"]] == ["نقطة 1", "نقطة 2"]
    assert result["minutes_url"] == f"{BASE}/ar/meetings/{meeting.pk}/"


def test_api_meetings_filter_by_plan_and_committee(client):
    _meetings(2, make_plan(1))
    steering = make_meeting(make_committee(make_plan(2), CommitteeKind.STEERING))

    by_plan = client.get("/api/meetings/?plan=2").json()["results"]
    by_kind = client.get("/api/meetings/?committee=steering").json()["results"]
    bad = client.get("/api/meetings/?committee=board")

    assert [m["id"] for m in by_plan] == [m["id"] for m in by_kind] == [steering.pk]
    assert bad.status_code == 400
    assert bad.json() == {"error": "`committee` must be one of execution, steering, got 'board'."}


def test_api_next_steps_list_published_minutes_next_steps_by_meeting(client):
    first, second = _meetings(2, make_plan(1))
    make_next_step(first, "برمجة ورشة", order=2, status=NextStepStatus.DONE, closed_at=second)
    draft = make_meeting(first.committee, date=datetime.date(2020, 3, 1), status="draft")
    make_next_step(draft, "قرار لم ينشر", order=1)

    every = client.get("/api/plans/1/next-steps/").json()
    done = client.get("/api/plans/1/next-steps/?status=done").json()
    of_second = client.get(f"/api/plans/1/next-steps/?meeting={second.pk}").json()
    bad = client.get("/api/plans/1/next-steps/?status=late")

    assert [(d["meeting_id"], d["next_step_number"]) for d in every["results"]] == [
        (first.pk, 1),
        (first.pk, 2),
        (second.pk, 1),
    ]
    assert [d["text_ar"] for d in done["results"]] == ["برمجة ورشة"]
    assert done["results"][0]["closed_meeting_date"] == "2020-01-02"
    assert [d["text_ar"] for d in of_second["results"]] == ["قرار الاجتماع 2"]
    assert bad.status_code == 400
    assert bad.json() == {"error": "`status` must be one of open, done, dropped, got 'late'."}
    plan = client.get("/api/plans/").json()["results"][0]
    assert plan["next_steps_url"] == f"{BASE}/api/plans/1/next-steps/"


def test_api_commitments_and_meetings_take_the_sites_search(client):
    plan = make_plan(1)
    archives = make_commitment(plan, 3, title="تدبير الأرشيف العمومي")
    make_commitment(plan, 4, title="الرفع من نشر البيانات المفتوحة")
    make_activity(make_commitment(plan, 5, title="بوابة الشفافية"), 1, title="رقمنة الأرشيف")
    first, second = _meetings(2, plan)
    make_report(archives, 65, meeting=second, narrative="إعادة هيكلة تدبير الأرشيف")

    # Folded and in any part: the title, an activity, a status row.
    commitments = client.get("/api/plans/1/commitments/?q=الارشيف").json()
    minutes = client.get("/api/meetings/?q=الارشيف هيكلة").json()

    assert [c["commitment_number"] for c in commitments["results"]] == [3, 5]
    assert [m["id"] for m in minutes["results"]] == [second.pk]
    assert client.get("/api/meetings/?q=غائب").json()["count"] == 0
    assert client.get("/api/meetings/?q=%20").json()["count"] == 2


def test_api_search_of_more_than_eight_words_answers_json_400(client):
    response = client.get("/api/meetings/", {"q": "ا ب ت ث ج ح خ د ذ"})

    assert response.status_code == 400
    assert response.json() == {"error": "`q` takes at most 8 words."}


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/plans/", 2),
        ("/api/plans/1/", 3),
        ("/api/plans/1/commitments/", 3),
        ("/api/plans/1/activities/", 3),
        ("/api/plans/1/reports/", 3),
        ("/api/plans/1/next-steps/", 3),
        ("/api/meetings/", 3),
        ("/api/plans/1/commitments/?q=التزام", 3),
        ("/api/meetings/?q=نقطة", 3),
    ],
)
def test_api_runs_constant_queries_whatever_the_size(
    client, django_assert_num_queries, size, url, queries
):
    plan = _plan_with(size)
    for n in range(2, size + 1):
        make_plan(n + 1)
    for n in range(1, size + 1):
        plan.axes.create(number=n, title=f"محور {n}")
        make_activity(plan.commitments.get(number=n), 1)
    _meetings(size, plan)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
