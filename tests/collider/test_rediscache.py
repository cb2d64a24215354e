"""The Redis cache backend: Django's, with one client per connection pool, on a real Redis."""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from collider.rediscache import RedisCache

from .test_ratelimit import REDIS_CACHE_URL, _redis_available
from .test_settings import load_settings

needs_redis = pytest.mark.skipif(
    not os.environ.get("CI") and not _redis_available(), reason="needs Redis (CI has it)"
)


def test_a_redis_cache_url_selects_the_backend_that_keeps_its_clients():
    probe = "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"

    redis = load_settings("collider.settings.base", probe, CACHE_URL="redis://127.0.0.1:6379/3")
    local = load_settings("collider.settings.base", "print(s.CACHES['default']['BACKEND'])")

    assert redis.stdout.split() == ["collider.rediscache.RedisCache", "redis://127.0.0.1:6379/3"]
    assert local.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


@needs_redis
def test_every_command_of_a_cache_goes_through_one_client():
    cache = RedisCache(REDIS_CACHE_URL, {"KEY_PREFIX": f"test-rediscache-{uuid.uuid4().hex}"})

    cache.set("a", {"page": b"<html>"}, 30)
    assert cache.add("b", 1, 30) is True
    assert cache.add("b", 2, 30) is False
    assert cache.get("a") == {"page": b"<html>"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": {"page": b"<html>"}, "b": 1}
    assert cache.incr("b") == 2
    cache.delete_many(["a", "b"])
    assert cache.get_many(["a", "b"]) == {}

    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert isinstance(cache, DjangoRedisCache)


@needs_redis
def test_django_builds_a_client_per_command_which_the_backend_avoids():
    ours = RedisCache(REDIS_CACHE_URL, {})._cache
    django = DjangoRedisCache(REDIS_CACHE_URL, {})._cache

    assert ours.get_client() is ours.get_client()
    assert django.get_client() is not django.get_client()
