"""allauth's pages and the site's frame in our wording."""

from django.test import override_settings
from django.urls import reverse


def test_login_page_speaks_our_words(client, db):
    response = client.get(reverse("account_login"))

    text = response.text
    assert (
        "<title>Log in · Collider</title>" in text,
        "Keep me logged in on this device" in text,
        ">Log in</button>" in text,
        "Sign In" in text,
        "Remember Me" in text,
    ) == (True, True, True, False, False)


def test_signup_page_speaks_our_words(client, db):
    response = client.get(reverse("account_signup"))

    assert ("Create an account" in response.text, "Sign Up" in response.text) == (True, False)


@override_settings(SOURCE_CODE_URL="https://code.example/collider")
def test_footer_open_source_is_a_link_to_the_code(client, db):
    response = client.get(reverse("home"))

    assert '<a href="https://code.example/collider" rel="license noopener">' in response.text


def test_every_page_title_ends_with_the_separator_and_the_site_name(client, db):
    response = client.get(reverse("home"))

    assert "<title>Tandem collider programmes · Collider</title>" in response.text
