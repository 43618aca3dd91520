import re

import pytest

from tests.factories import make_plan


@pytest.mark.django_db
def test_language_links_point_to_the_same_page_in_each_language(client):
    make_plan(number=2)

    page = client.get("/fr/plans/2/?sort=progress").content.decode()

    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', page)
    assert links == [
        ("/ar/plans/2/?sort=progress", "ar"),
        ("/fr/plans/2/?sort=progress", "fr"),
        ("/en/plans/2/?sort=progress", "en"),
    ]
    assert 'hreflang="fr" lang="fr"\n          aria-current="page"' in page


@pytest.mark.django_db
def test_public_page_for_an_anonymous_visitor_sets_no_cookie(client):
    make_plan(number=2)

    response = client.get("/ar/plans/2/")

    assert response.cookies == {}
