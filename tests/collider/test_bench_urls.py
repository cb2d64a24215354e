"""The page benchmark's references (collider.bench_urls, mounted only by the bench settings)."""

import pytest
from django.test import override_settings

from tests.factories import UserFactory


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="collider.bench_urls")
def test_bare_view_answers_ok_and_nothing_else(client):
    response = client.get("/__bare__/")

    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="collider.bench_urls")
def test_layout_page_renders_the_site_layout_for_the_logged_in_person(client):
    user = UserFactory(first_name="Petra", last_name="Lindner")
    client.force_login(user)

    page = client.get("/__page__/").content.decode()

    assert "<nav" in page and "My dashboard" in page
    assert "Petra Lindner" in page


@pytest.mark.django_db
def test_reference_views_are_not_mounted_in_the_project(client):
    assert client.get("/__page__/").status_code == 404
