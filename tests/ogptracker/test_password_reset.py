"""A project lead who forgot their password sets a new one from an e-mailed link."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_user

NEW_PASSWORD = "wahat-sijilmassa-2027"


@pytest.fixture
def lead(db):
    return make_user("h.bouihi", email="h.bouihi@example.ma")


def test_sign_in_page_offers_the_password_reset(client, db):
    page = client.get("/ar/accounts/login/").content.decode()

    assert 'href="/ar/accounts/password_reset/"' in page
    assert "نسيتم كلمة المرور؟" in page


def test_password_reset_by_e_mail_sets_a_new_password(client, lead, mailoutbox):
    form = client.get("/ar/accounts/password_reset/")
    assert 'class="site-header"' in form.content.decode()  # The site's pages, not the admin's.

    sent = client.post(
        "/ar/accounts/password_reset/", {"email": "H.Bouihi@example.ma"}, secure=True
    )

    assert sent.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == ["h.bouihi@example.ma"]
    assert "متتبع الحكومة المنفتحة" in mail.body
    link = re.search(r"https://testserver(/ar/accounts/reset/\S+)", mail.body).group(1)
    confirm = client.get(link, secure=True, follow=True)
    assert "أدخلوا كلمة المرور الجديدة" in confirm.content.decode()
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        secure=True,
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    client.logout()
    signed_in = client.post(
        "/ar/accounts/login/", {"username": "h.bouihi", "password": NEW_PASSWORD}, secure=True
    )
    assert signed_in.status_code == 302
    assert signed_in.url == reverse("leads:my_commitments")


def test_password_reset_for_an_unknown_address_tells_nothing_and_sends_nothing(
    client, lead, mailoutbox
):
    response = client.post("/ar/accounts/password_reset/", {"email": "nobody@example.ma"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_a_used_reset_link_is_refused_with_a_way_to_ask_again(client, lead, mailoutbox):
    client.post("/ar/accounts/password_reset/", {"email": lead.email})
    link = re.search(r"http://testserver(/ar/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    confirm = client.get(link, follow=True)
    client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(link, follow=True).content.decode()

    assert "تعذرت استعادة كلمة المرور" in again
    assert 'href="/ar/accounts/password_reset/"' in again
