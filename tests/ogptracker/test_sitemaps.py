"""Search engines find every public page, in each language, and none of the private ones."""

import datetime
import re

import pytest

from commitments.enums import MeetingStatus
from tests.factories import make_commitment, make_meeting, make_plan


def addresses(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language(client):
    commitment = make_commitment(plan=make_plan(2), number=7)
    published = make_meeting(date=datetime.date(2020, 6, 17))
    draft = make_meeting(date=datetime.date(2020, 10, 1), status=MeetingStatus.DRAFT)

    sections = addresses(client, "/sitemap.xml")
    pages = [page for section in sections for page in addresses(client, section)]

    assert sections == [
        f"/sitemap-{name}.xml"
        for name in ("sections", "plans", "commitments", "institutions", "minutes")
    ]
    for language in ("ar", "zgh", "fr", "en"):
        assert f"/{language}/" in pages
        assert f"/{language}/plans/2/" in pages
        assert f"/{language}/plans/2/commitments/7/" in pages
        assert f"/{language}/institutions/{commitment.lead_institution_id}/" in pages
        assert f"/{language}/meetings/{published.pk}/" in pages
        assert f"/{language}/meetings/{draft.pk}/" not in pages
    assert not [page for page in pages if "/my/" in page or "/accounts/" in page]


@pytest.mark.django_db
def test_sitemap_gives_each_page_its_other_languages(client):
    make_commitment(plan=make_plan(2), number=7)

    body = client.get("/sitemap-commitments.xml").content.decode()

    entry = re.search(r"<url><loc>http://testserver/fr/plans/2/commitments/7/</loc>.*?</url>", body)
    assert 'hreflang="ar" href="http://testserver/ar/plans/2/commitments/7/"' in entry.group(0)
    assert 'hreflang="en" href="http://testserver/en/plans/2/commitments/7/"' in entry.group(0)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_private_pages(client, db):
    response = client.get("/robots.txt", secure=True)

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /ar/my/" in lines
    assert "Disallow: /fr/accounts/" in lines
    assert lines[-1] == "Sitemap: https://testserver/sitemap.xml"
    assert not [line for line in lines if "admin" in line]  # The admin's address stays unsaid.
