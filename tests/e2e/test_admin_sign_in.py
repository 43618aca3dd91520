import pytest

from tests.factories import make_user


@pytest.mark.django_db(transaction=True)
def test_secretariat_signs_in_to_the_arabic_admin(journey):
    make_user("amina", secretariat=True)
    trip = journey()

    trip.page.goto("/ar/admin/")
    trip.page.fill("#id_username", "amina")
    trip.page.fill("#id_password", "correct-horse-battery")
    trip.page.click("input[type=submit]")
    trip.snap("admin-index")

    assert trip.page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert trip.page.locator("html").get_attribute("lang") == "ar"
    assert trip.page.get_by_role("link", name="الالتزامات").first.is_visible()
    assert trip.console_errors == []
