import re

import pytest

from tests.factories import make_commitment, make_plan


@pytest.mark.django_db
def test_language_links_point_to_the_same_page_in_each_language(client):
    make_plan(number=2)

    page = client.get("/fr/plans/2/?sort=progress").content.decode()

    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', page)
    assert links == [
        ("/ar/plans/2/?sort=progress", "ar"),
        ("/zgh/plans/2/?sort=progress", "zgh"),
        ("/fr/plans/2/?sort=progress", "fr"),
        ("/en/plans/2/?sort=progress", "en"),
    ]
    assert 'hreflang="fr" lang="fr"\n          aria-current="page"' in page
    amazigh = '<a href="/zgh/plans/2/?sort=progress" hreflang="zgh" lang="zgh"\n          >'
    amazigh += "ⵜⴰⵎⴰⵣⵉⵖⵜ</a>"
    assert amazigh in page


@pytest.mark.django_db
def test_public_page_for_an_anonymous_visitor_sets_no_cookie(client):
    make_plan(number=2)

    response = client.get("/ar/plans/2/")

    assert response.cookies == {}


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">')


def _head(response):
    return response.content.decode().split("</head>")[0]


@pytest.mark.django_db
def test_page_head_offers_the_page_in_each_language_and_a_default(client):
    make_plan(number=2)

    head = _head(client.get("/fr/plans/2/?sort=progress"))

    assert ALTERNATE.findall(head) == [
        ("ar", "http://testserver/ar/plans/2/?sort=progress"),
        ("zgh", "http://testserver/zgh/plans/2/?sort=progress"),
        ("fr", "http://testserver/fr/plans/2/?sort=progress"),
        ("en", "http://testserver/en/plans/2/?sort=progress"),
        ("x-default", "http://testserver/plans/2/?sort=progress"),
    ]


@pytest.mark.django_db
def test_page_head_alternates_are_the_sitemaps(client):
    commitment = make_commitment(plan=make_plan(number=2), number=5)
    url = f"http://testserver/ar/plans/2/commitments/{commitment.number}/"
    sitemap = client.get("/sitemap-commitments.xml").content.decode()
    entry = next(part for part in sitemap.split("<url>") if f"<loc>{url}</loc>" in part)
    listed = re.findall(r'<xhtml:link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', entry)

    head = _head(client.get(url))

    assert sorted(ALTERNATE.findall(head)) == sorted(listed)


@pytest.mark.django_db
def test_page_not_found_offers_no_alternates(client):
    response = client.get("/fr/plans/99/")

    assert (response.status_code, ALTERNATE.findall(_head(response))) == (404, [])


@pytest.mark.django_db
def test_page_x_default_address_sends_each_reader_to_their_language(client):
    make_plan(number=2)

    response = client.get("/plans/2/?sort=progress", headers={"accept-language": "fr"})

    assert response.url == "/fr/plans/2/?sort=progress"
