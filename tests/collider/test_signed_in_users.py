"""The signed-in user of a request, kept in memory while the users table is unchanged
(collider.middleware.AuthenticationMiddleware)."""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collider.enums import Role
from collider.models import User
from tests.factories import member


def _user_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if 'FROM "collider_user"' in q["sql"]]


@pytest.mark.django_db
def test_the_second_request_of_a_session_loads_no_user_row(client, partner):
    client.force_login(partner)
    url = reverse("dashboard")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)

    assert _user_queries(first.captured_queries)
    assert not _user_queries(second.captured_queries)
    assert partner.display_name in response.text


@pytest.mark.django_db
def test_a_deactivated_user_is_not_served_from_memory(client, partner):
    client.force_login(partner)
    client.get(reverse("dashboard"))

    User.objects.filter(pk=partner.pk).update(is_active=False)  # no signal is sent

    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_a_password_changed_elsewhere_ends_the_session(client, partner):
    client.force_login(partner)
    client.get(reverse("dashboard"))

    User.objects.filter(pk=partner.pk).update(password=make_password("changed elsewhere"))

    assert client.get(reverse("dashboard")).status_code == 302
    assert "_auth_user_id" not in client.session  # flushed, as Django does


@pytest.mark.django_db
def test_each_session_gets_its_own_user_and_a_copy_of_it(programme, partner):
    other = member(programme, Role.PARTICIPANT)
    first, second = Client(), Client()
    first.force_login(partner)
    second.force_login(other)
    first.get(reverse("dashboard"))
    second.get(reverse("dashboard"))

    mine = first.get(reverse("dashboard")).wsgi_request.user
    theirs = second.get(reverse("dashboard")).wsgi_request.user
    again = first.get(reverse("dashboard")).wsgi_request.user

    assert (mine.pk, theirs.pk, again.pk) == (partner.pk, other.pk, partner.pk)
    mine.first_name = "Changed in one request"
    assert again is not mine and again.first_name != "Changed in one request"


@pytest.mark.django_db
def test_a_session_without_a_user_is_anonymous(client):
    response = client.get(reverse("home"))
    assert response.wsgi_request.user.is_authenticated is False
