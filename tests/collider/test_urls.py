"""The admin signs in through allauth (secure_admin_login): second factor and rate limits apply."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_with_totp():
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    return admin, secret


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _admin_index_status(client) -> int:
    return client.get(reverse("admin:index")).status_code


def test_admin_login_form_no_longer_signs_in_with_a_password_alone(client, admin_with_totp):
    admin, _secret = admin_with_totp

    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": admin.email, "password": PASSWORD, "next": "/admin/"},
    )

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("account_login") + "?next=%2Fadmin%2F",
    )
    assert _admin_index_status(client) == 302


def test_admin_with_totp_reaches_admin_only_after_the_second_factor(client, admin_with_totp):
    admin, secret = admin_with_totp
    login_url = reverse("account_login") + "?next=/admin/"

    password_step = client.post(login_url, {"login": admin.email, "password": PASSWORD})
    after_password = _admin_index_status(client)
    second_step = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    assert (password_step.status_code, password_step["Location"]) == (
        302,
        reverse("mfa_authenticate"),
    )
    assert after_password == 302
    assert (second_step.status_code, second_step["Location"]) == (302, "/admin/")
    assert _admin_index_status(client) == 200


def test_admin_wrong_passwords_are_limited(client, rate_limits):
    admin = UserFactory(is_staff=True, is_superuser=True)
    login_url = reverse("account_login") + "?next=/admin/"

    through_admin = {
        client.post(
            reverse("admin:login"), {"username": admin.email, "password": "wrong"}
        ).status_code
        for _ in range(30)
    }
    wrong = [
        client.post(login_url, {"login": admin.email, "password": "wrong"}).status_code
        for _ in range(5)
    ]
    right_but_limited = client.post(login_url, {"login": admin.email, "password": PASSWORD})

    assert (through_admin, wrong) == ({302}, [200] * 5)
    assert "Too many failed login attempts" in right_but_limited.content.decode()
    assert _admin_index_status(client) == 302
