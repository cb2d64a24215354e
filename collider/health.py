"""Cheap liveness checks behind ``/healthz``: the database, the cache and the Celery broker.

Each check is one round trip with a short timeout, so a load balancer or ``docker compose``
may call it every few seconds; a failing part is named in the answer (and logged) so an
operator sees at once which service is down.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

#: Seconds a check may wait for its service.
TIMEOUT = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # A per-call key: several web processes may check at once against a shared cache.
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=TIMEOUT * 5)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was just stored")
    finally:
        cache.delete(key)


def check_broker() -> str:
    """Open (and close) one connection to the broker. Skipped when tasks run inline."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "skipped"
    from kombu import Connection

    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "socket_connect_timeout": TIMEOUT,
        "socket_timeout": TIMEOUT,
    }
    with Connection(
        settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT, transport_options=options
    ) as broker:
        # No retry: a refused connection answers at once; a silent host within TIMEOUT.
        broker.ensure_connection(max_retries=0)
    return "ok"


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def run_checks() -> tuple[bool, dict[str, str]]:
    """``(healthy, {part: "ok" | "skipped" | "error"})``; failures are logged with their cause."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as error:  # any failure of a service means "unhealthy", not a 500
            logger.warning("Health check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = "error"
    return all(value != "error" for value in results.values()), results
