"""/healthz answers for the database, the cache and the broker, and names what failed."""

import pytest

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused at once


@pytest.fixture
def real_broker(settings):
    """Tasks go to a broker (the in-memory transport always connects) instead of running inline."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0}


@pytest.mark.django_db
def test_healthz_checks_database_cache_and_broker(client, real_broker):
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}},
    )


@pytest.mark.django_db
def test_healthz_skips_the_broker_when_tasks_run_inline(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz")

    assert response.json()["checks"]["broker"] == "skipped"


@pytest.mark.django_db
def test_healthz_answers_head(client, real_broker):
    response = client.head("/healthz")

    assert (response.status_code, response.content) == (200, b"")


@pytest.mark.django_db
def test_healthz_is_503_and_names_the_broker_when_it_is_down(client, real_broker, settings):
    settings.CELERY_BROKER_URL = DEAD_REDIS

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {"status": "error", "checks": {"database": "ok", "cache": "ok", "broker": "error"}},
    )


@pytest.mark.django_db
def test_healthz_is_503_and_names_the_cache_when_it_is_down(client, real_broker, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "collider.rediscache.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }

    response = client.get("/healthz")

    assert (response.status_code, response.json()["checks"]) == (
        503,
        {"database": "ok", "cache": "error", "broker": "ok"},
    )


@pytest.mark.django_db
def test_healthz_refuses_post(client):
    response = client.post("/healthz")

    assert (response.status_code, response.content) == (405, b"")
