"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL/Redis when
DATABASE_URL / CELERY_BROKER_URL are set (CI sets both)."""

import gc
import os
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.base import Template
from django.test import TestCase
from django.test.utils import _TestState, instrumented_test_render
from django.utils import translation

from collider.enums import Role, Sector
from tests import emptying
from tests.factories import ProgrammeFactory, UserFactory, member
from tests.snapshot import Snapshot

# Playwright's sync API keeps an event loop in the main thread; Django must allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# After a transactional test the rows are deleted rather than every table truncated.
emptying.install()
# The cyclic garbage collector's first generation is collected every 700 allocations by
# default: in a request-heavy test that was 1,841 collections and 2.56 of its 28.5 s of CPU
# (the idea action tests). Every 50,000: 19 collections, 1.23 s. Memory grows by at most what
# 50,000 short-lived objects hold before they are collected (a worker's peak: 362 -> 381 MiB).
# Two paired runs of the no-write crawl and the action tests: 0.94 and 0.99 of the CPU.
gc.set_threshold(50_000, 10, 10)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: the test client's requests activate the
    requested language in this thread and Django never deactivates it after the response."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _rendered_templates(request):
    """Django's test environment records every template rendered during a test client's request
    and a copy of its context, for ``response.templates`` and ``response.context``: a signal and
    a copy per template, each include and form widget too. That was 9 % of the CPU of the
    never-500 POSTs (tests/test_post_routes.py: 70.2 -> 63.5 s). Tests that read them are
    marked ``rendered``; for the others the recording is off (both then read None)."""
    if request.node.get_closest_marker("rendered"):
        yield
        return
    Template._render = _TestState.saved_data.template_render
    yield
    Template._render = instrumented_test_render


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts on an empty cache: counts cached per programme (KPIs, partners'
    "needs attention") must not carry over to a later test's programme with the same id."""
    from django.core.cache import cache

    from collider import pagecache
    from collider.middleware import signed_in_users

    cache.clear()
    pagecache.recent.clear()
    signed_in_users.clear()


@pytest.fixture
def page_cache_off(settings):
    """Pages rendered and the signed-in user loaded on every request: a query count then
    measures the rendering, not a page served again from the page cache (collider.pagecache;
    tests/collider/test_pagecache.py) or a user kept in memory (collider.middleware)."""
    settings.PAGE_CACHE = False


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


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> SimpleNamespace:
    """``load_demo`` once per session, its on-commit work done (as after `make run`), copied and
    rolled back: building it took seconds of queries per test that loaded it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=output)
        # Sessions are the visitors' browser state, not the demo's data.
        copy = Snapshot.take(skip=frozenset({"sessions.session"}))
        transaction.set_rollback(True)
    return SimpleNamespace(copy=copy, output=output.getvalue())


@pytest.fixture
def demo_loaded(db, demo_snapshot) -> str:
    """The database as ``manage.py load_demo`` leaves it; returns what the command printed."""
    demo_snapshot.copy.restore()
    return demo_snapshot.output


@pytest.fixture(scope="session")
def world_copy(django_db_setup, django_db_blocker) -> SimpleNamespace:
    """The access matrix's world (tests/test_access_matrix.py), built once per session and
    copied; the build itself is rolled back."""
    from tests.test_access_matrix import build_full_world

    with django_db_blocker.unblock(), transaction.atomic():
        world = build_full_world()
        copy = Snapshot.take()
        transaction.set_rollback(True)
    return SimpleNamespace(world=world, copy=copy)


@pytest.fixture(scope="module")
def world(world_copy, django_db_blocker) -> SimpleNamespace:
    """The access matrix's world, restored for the module inside a transaction that is undone
    after it; each test runs in a savepoint inside it. Every module gets the same rows under the
    same keys, so the GETs made once per world (``visit``) serve every module."""
    with django_db_blocker.unblock(), transaction.atomic():
        world_copy.copy.restore()
        yield world_copy.world
        transaction.set_rollback(True)


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


#: Modules that talk to the test broker's Redis database (or start a Celery worker on it).
BROKER_MODULES = frozenset(
    {"test_broker.py", "test_health.py", "test_outbox.py", "test_outbox_overlap.py"}
)
#: Modules that crawl the access matrix's world: its GETs are made once per world and process
#: (``visit`` in tests/test_access_matrix.py) and read again by the others.
WORLD_MODULES = frozenset(
    {
        "test_access_matrix.py",
        "test_post_routes.py",
        "test_safe_methods.py",
        "test_translated_pages.py",
    }
)


# Runs before pytest-xdist's own hook, which reads the group marks set here.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under ``pytest -n 2 --dist loadgroup`` (pytest-xdist, as ``make test`` runs): the
    browser journeys and the other tests on the demo's data share one worker (one Chromium,
    one live server, one copy of the demo);
    the crawls of the access matrix's world share the other, so each page is requested once,
    not once per worker. The tests that use the Celery broker (sharing its Redis database) go
    with the crawls: xdist hands out the largest group first, so the two big groups start
    together on different workers and the single tests fill in around them.

    pytest-xdist 3.8 forms the groups by renaming ``item._nodeid``, which pytest 9.2 no longer
    reads; pyproject.toml keeps pytest below 9.2, and ``pytest_collection_finish`` below fails
    every test if the groups are not formed."""
    for item in items:
        # The tests on the demo's data go with the journeys, which restore it too: the demo is
        # then built once per run (``demo_snapshot``, ~10 s), not once per worker.
        if item.get_closest_marker("browser") or "demo_snapshot" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif (
            item.get_closest_marker("worker")
            or item.path.name in BROKER_MODULES
            or item.path.name in WORLD_MODULES
        ):
            item.add_marker(pytest.mark.xdist_group("world"))


_UNGROUPED = pytest.StashKey[str]()


def pytest_collection_finish(session):
    """On an xdist worker under ``--dist loadgroup``, every grouped test must carry its group in
    its node id (``…@world``); otherwise xdist hands the group's tests to both workers one by one
    and the world, the demo and Chromium are each built twice, silently. Every test then fails
    with the reason (an exception here would only kill the worker without a word)."""
    config = session.config
    if not (hasattr(config, "workerinput") and config.getoption("loadgroup", False)):
        return
    import xdist

    for item in session.items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            config.stash[_UNGROUPED] = (
                f"pytest-xdist did not put {item.nodeid} into its group (pytest "
                f"{pytest.__version__}, pytest-xdist {xdist.__version__}): its group's tests "
                "would be spread over both workers."
            )
            return


def pytest_runtest_setup(item):
    """Fails the test when its worker found the groups not formed (above)."""
    if reason := item.config.stash.get(_UNGROUPED, None):
        pytest.fail(reason, pytrace=False)
