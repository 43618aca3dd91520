"""Atom feeds of published minutes and of each plan's published progress reports."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus, ReportStatus
from tests.factories import make_commitment, make_meeting, make_plan, make_report

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.find(f"{ATOM}summary").text or "",
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


@pytest.mark.django_db
def test_minutes_feed_lists_published_minutes_newest_first_with_their_agenda(client):
    june = make_meeting(date=datetime.date(2020, 6, 17))
    june.agenda_items.create(order=1, title="تقدم إنجاز الأنشطة")
    make_meeting(june.committee, date=datetime.date(2020, 10, 1))
    make_meeting(june.committee, date=datetime.date(2021, 1, 5), status=MeetingStatus.DRAFT)

    found = entries(client, "/ar/meetings/feed/")

    assert [entry["title"] for entry in found] == [
        "لجنة التنفيذ — 1 أكتوبر 2020",
        "لجنة التنفيذ — 17 يونيو 2020",
    ]
    assert found[1]["link"] == f"http://testserver/ar/meetings/{june.pk}/"
    assert "<li>تقدم إنجاز الأنشطة</li>" in found[1]["summary"]


@pytest.mark.django_db
def test_plan_feed_lists_only_published_reports_of_that_plan_escaped(client):
    plan = make_plan(1)
    commitment = make_commitment(plan=plan, number=3, title_fr="Portail des données")
    report = make_report(
        commitment,
        percent=65,
        narrative_fr="Portail <b>ouvert</b>\nFormation",
        published_at=datetime.datetime(2020, 6, 18, tzinfo=datetime.UTC),
    )
    make_report(commitment, percent=90, status=ReportStatus.SUBMITTED)
    make_report(make_commitment(plan=make_plan(2), number=3), percent=10)

    found = entries(client, "/fr/plans/1/feed/")

    assert [(entry["title"], entry["link"]) for entry in found] == [
        (
            "3. Portail des données — 65 %",
            f"http://testserver/fr/plans/1/commitments/3/#report-{report.pk}",
        )
    ]
    assert found[0]["summary"] == "Portail &lt;b&gt;ouvert&lt;/b&gt;<br>Formation"


@pytest.mark.django_db
def test_feeds_answer_in_every_language_and_pages_point_to_them(client):
    make_plan(1)
    for language in ("ar", "fr", "en"):
        with override(language):
            minutes_feed = reverse("meetings:minutes_feed")
            plan_feed = reverse("commitments:plan_feed", args=[1])
            dashboard = client.get(reverse("commitments:plan_dashboard", args=[1]))
            meetings = client.get(reverse("meetings:meeting_list"))
        assert entries(client, minutes_feed) == []
        assert entries(client, plan_feed) == []
        assert f'rel="alternate" type="application/atom+xml" href="{plan_feed}"' in (
            dashboard.content.decode()
        )
        assert f'href="{minutes_feed}"' in meetings.content.decode()


def test_feed_of_a_plan_that_does_not_exist_is_not_found(client, db):
    assert client.get("/ar/plans/9/feed/").status_code == 404


def rfc4287_problems(xml):
    """What RFC 4287 requires of a feed and its entries that `xml` lacks."""
    feed = ET.fromstring(xml)
    problems = [
        f"feed without atom:{name}"
        for name in ("id", "title", "updated")
        if feed.find(f"{ATOM}{name}") is None
    ]
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        problems += [
            f"entry without atom:{name}"
            for name in ("id", "title", "updated", "link")
            if entry.find(f"{ATOM}{name}") is None
        ]
    # 4.1.1: an atom:author for the feed, or one in every entry (read strictly:
    # a feed without entries needs its own).
    if feed.find(f"{ATOM}author/{ATOM}name") is None and (
        not entries or any(entry.find(f"{ATOM}author/{ATOM}name") is None for entry in entries)
    ):
        problems.append("no atom:author for the feed nor for every entry")
    return problems


def feed_urls():
    urls = []
    for language in ("ar", "fr", "en"):
        with override(language):
            urls.append(reverse("meetings:minutes_feed"))
            urls += [reverse("commitments:plan_feed", args=[number]) for number in (1, 2, 3)]
    return urls


def test_feeds_parse_cleanly_with_authors_and_every_link_answering(client, seed_data):
    problems = {}
    authors = {}

    for url in feed_urls():
        response = client.get(url)
        parsed = feedparser.parse(response.content)
        found = rfc4287_problems(response.content)
        if parsed.bozo:
            found.append(f"feedparser: {parsed.bozo_exception}")
        found += [
            f"{entry.link} answers {status}"
            for entry in parsed.entries
            if (status := client.get(entry.link).status_code) != 200
        ]
        problems[url] = found
        authors[url] = [
            parsed.feed.get("author"),
            *sorted({entry.get("author") for entry in parsed.entries}),
        ]

    assert problems == dict.fromkeys(feed_urls(), [])
    assert authors["/fr/meetings/feed/"] == [
        "Secrétariat permanent du gouvernement ouvert au Maroc",
        "Comité d'implémentation",
        "Comité de pilotage",
    ]
    assert authors["/ar/plans/1/feed/"][0] == "الكتابة الدائمة للحكومة المنفتحة بالمغرب"
