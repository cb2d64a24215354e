"""One throttle for every public write (collider.ratelimit.public_write on allauth's limiter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collider.enums import RegistrationMode, Sector
from collider.models import Registration, User
from collider.ratelimit import PUBLIC_WRITE_ACTIONS
from collider.settings import base
from tests.access import LoginRedirect
from tests.factories import EventFactory
from tests.test_access_matrix import ROUTES, VARIANT_ROUTES

TOO_MANY = "Please wait a few minutes and try again."


def guest_data(number: int = 0, **overrides) -> dict:
    data = {
        "name": "Gina",
        "email": f"gina{number}@example.org",
        "sector": Sector.CCI,
        "consent": "on",
    }
    return {**data, **overrides}


@pytest.fixture
def public_event(programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    return event, reverse("collider:event_register", args=[programme.slug, event.pk])


# --- Every public write goes through the one throttle -----------------------------------------

#: Anonymous POST routes that are no public write of ours, and why they need no public_write.
NOT_OUR_WRITES = {
    "set_language": "sets a cookie only",
    "account_logout": "nothing to log out",
    "admin:logout": "nothing to log out",
    "admin:login": "sends the visitor to allauth's login",
}
#: allauth's own views count against the same ACCOUNT_RATE_LIMITS inside allauth.
ALLAUTH_PREFIXES = ("account_", "mfa_")


def _callbacks(patterns, namespace: str = "") -> dict:
    found = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            found |= _callbacks(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}:{entry.name}" if namespace else entry.name] = entry.callback
    return found


def _anonymous_post_allowed(route) -> bool:
    outcome = route.POST[0]
    return not isinstance(outcome, LoginRedirect) and outcome not in {403, 404, 405}


def test_every_anonymous_post_route_is_throttled():
    # Derived from the access matrix: a new URL open to anonymous POSTs fails here until it is
    # throttled (or listed above with a reason).
    callbacks = _callbacks(get_resolver().url_patterns)
    open_posts = {
        key.split("[")[0]
        for key, route in {**ROUTES, **VARIANT_ROUTES}.items()
        if _anonymous_post_allowed(route)
    }
    ours = sorted(
        key
        for key in open_posts
        if key not in NOT_OUR_WRITES and not key.startswith(ALLAUTH_PREFIXES)
    )

    actions = {key: getattr(callbacks[key], "public_write_action", None) for key in ours}

    assert actions == {
        "collider:event_register": "event_register",
        "collider:registration_manage": "registration_manage",
        "matchmaking:sign_link": "sign_link",
        "outreach:checklist_answer": "checklist_answer",
        "outreach:info_day_detail": "info_day_register",
    }


def test_every_public_write_action_has_production_rates():
    rates = {action: base.ACCOUNT_RATE_LIMITS.get(action) for action in PUBLIC_WRITE_ACTIONS}

    assert sorted(action for action, rate in rates.items() if not rate) == []


# --- Flooding a public form -------------------------------------------------------------------


def test_event_register_guest_flood_is_refused_with_429(client, public_event, rate_limits):
    event, url = public_event
    rate_limits["event_register"] = "3/10m/ip"

    codes = [client.post(url, guest_data(i)).status_code for i in range(5)]
    refused = client.post(url, guest_data(9))

    assert (codes, Registration.objects.filter(event=event).count()) == (
        [302, 302, 302, 429, 429],
        3,
    )
    assert (refused.status_code, TOO_MANY in refused.content.decode()) == (429, True)


def test_event_register_rotating_forwarded_for_does_not_bypass_limit(
    client, public_event, rate_limits
):
    event, url = public_event
    rate_limits["event_register"] = "3/10m/ip"

    codes = [
        client.post(url, guest_data(i), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(6)
    ]

    assert (codes, Registration.objects.filter(event=event).count()) == (
        [302, 302, 302, 429, 429, 429],
        3,
    )


def test_event_register_behind_trusted_proxy_counts_the_address_the_proxy_saw(
    client, public_event, settings, rate_limits
):
    # One proxy of ours appends the address it saw; what the client sent before it is ignored.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _event, url = public_event
    rate_limits["event_register"] = "2/10m/ip"

    def post(i: int, client_address: str) -> int:
        forwarded = f"198.51.100.{i}, {client_address}"  # a forged first entry that rotates
        return client.post(url, guest_data(i), HTTP_X_FORWARDED_FOR=forwarded).status_code

    first_client = [post(i, "192.0.2.1") for i in range(3)]
    second_client = [post(i, "192.0.2.2") for i in range(10, 12)]

    assert (first_client, second_client) == ([302, 302, 429], [302, 302])


def test_event_register_same_address_from_many_networks_is_limited(client, programme, rate_limits):
    # Mail bombing one victim through registrations for several events, from rotating networks.
    rate_limits["event_register"] = "100/10m/ip,2/h/key"
    events = EventFactory.create_batch(
        3, programme=programme, registration_mode=RegistrationMode.PUBLIC
    )

    codes = [
        client.post(
            reverse("collider:event_register", args=[programme.slug, event.pk]),
            guest_data(email="Victim@Example.org"),
            REMOTE_ADDR=f"203.0.113.{i}",
        ).status_code
        for i, event in enumerate(events)
    ]

    assert (codes, Registration.objects.filter(email="victim@example.org").count()) == (
        [302, 302, 429],
        2,
    )


def test_signup_flood_gets_the_same_429_page(client, db, rate_limits):
    rate_limits["signup"] = "2/10m/ip"

    def signup(i: int):
        return client.post(
            reverse("account_signup"),
            {
                "email": f"new{i}@example.org",
                "password1": "a-long-Passphrase-42",
                "password2": "a-long-Passphrase-42",
                "first_name": "New",
                "last_name": f"Person {i}",
            },
        )

    codes = [signup(i).status_code for i in range(2)]
    refused = signup(3)

    assert (codes, User.objects.filter(email__startswith="new").count()) == ([302, 302], 2)
    assert (refused.status_code, TOO_MANY in refused.content.decode()) == (429, True)


def test_get_requests_are_never_counted(client, public_event, rate_limits):
    _event, url = public_event
    rate_limits["event_register"] = "1/10m/ip"

    codes = [client.get(url).status_code for _ in range(3)]
    posted = client.post(url, guest_data())

    assert (codes, posted.status_code) == ([200, 200, 200], 302)


# --- Shared between processes -----------------------------------------------------------------

REDIS_CACHE_URL = os.environ.get("TEST_REDIS_CACHE_URL", "redis://127.0.0.1:6379/15")

#: One web process: 10 POSTs from one client (forged X-Forwarded-For rotating) through the
#: public_write throttle, printing the status codes.
WORKER = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from collider.ratelimit import public_write

config = json.loads(sys.argv[1])
view = public_write("event_register")(lambda request: HttpResponse("registered"))
codes = []
with override_settings(CACHES=config["caches"], ACCOUNT_RATE_LIMITS=config["rates"]):
    for i in range(10):
        request = RequestFactory().post(
            "/register/", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        )
        request.user = AnonymousUser()
        codes.append(view(request).status_code)
print(json.dumps(codes))
"""


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_CACHE_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(
    not os.environ.get("CI") and not _redis_available(), reason="needs Redis (CI has it)"
)
def test_limit_holds_across_two_processes_sharing_redis():
    caches = {
        "default": {
            "BACKEND": "collider.rediscache.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": f"test-ratelimit-{uuid.uuid4().hex}",
        }
    }
    config = json.dumps({"caches": caches, "rates": {"event_register": "10/10m/ip"}})
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "collider.settings.test"}
    root = Path(settings.BASE_DIR)

    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, config],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    codes = [json.loads(worker.communicate(timeout=120)[0]) for worker in workers]

    allowed = sum(code == 200 for process in codes for code in process)
    refused = sum(code == 429 for process in codes for code in process)
    assert (allowed, refused) == (10, 10)


# --- Production refuses a process-local cache -------------------------------------------------


def _cache_errors() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True, tags=["caches"])]


def test_deploy_check_refuses_process_local_cache(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert _cache_errors() == ["collider.E001"]


def test_deploy_check_accepts_redis_cache(settings):
    settings.DEBUG = False
    settings.CACHES = {
        "default": {
            "BACKEND": "collider.rediscache.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
        }
    }

    assert _cache_errors() == []
