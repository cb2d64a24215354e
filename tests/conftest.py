"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL/Redis when
DATABASE_URL / CELERY_BROKER_URL are set (CI sets both)."""

import os

import pytest

from collider.enums import Role, Sector
from tests.factories import ProgrammeFactory, UserFactory, member

# Playwright's sync API keeps an event loop in the main thread; Django must allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts on an empty cache: counts cached per programme (KPIs, partners'
    "needs attention") must not carry over to a later test's programme with the same id."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def rate_limits(settings):
    """The production rate limits (the test settings switch them off) on an empty cache.

    Returns the rates, which a test may change (``rate_limits["signup"] = "2/m/ip"``).
    """
    from django.core.cache import cache

    from collider.settings import base

    settings.ACCOUNT_RATE_LIMITS = dict(base.ACCOUNT_RATE_LIMITS)
    cache.clear()
    yield settings.ACCOUNT_RATE_LIMITS
    cache.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory()


@pytest.fixture
def people(programme, other_programme):
    """One user per role of the access matrix."""
    return {
        "anonymous": None,
        "cci": member(programme, Role.PARTICIPANT, Sector.CCI),
        "avm": member(programme, Role.PARTICIPANT, Sector.AVM),
        "expert": member(programme, Role.EXPERT),
        "facilitator": member(programme, Role.FACILITATOR),
        "partner": member(programme, Role.PARTNER),
        "other_partner": member(other_programme, Role.PARTNER),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


@pytest.fixture
def cci(programme):
    return member(programme, Role.PARTICIPANT, Sector.CCI)


def _celery_pools_reset(app) -> None:
    # The app caches its broker connection and producer pools (kombu keeps them in a global
    # registry too); drop them all so the next publish uses the configuration now in force.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_conf():
    """Change the Celery app's configuration for one test; the original is restored after.

    Django's ``settings`` fixture does not reach Celery: the app read its configuration once.
    """
    from collider.celery import app

    saved = {}

    def update(**values) -> None:
        for key in values:
            saved.setdefault(key, app.conf[key])
        app.conf.update(values)
        _celery_pools_reset(app)

    yield update
    app.conf.update(saved)
    _celery_pools_reset(app)
