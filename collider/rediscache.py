"""Django's Redis cache, with one client object per connection pool instead of one per command.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call; with
redis-py 5+ that constructor copies ~170 response callbacks into a case-insensitive dict, which
measured a third of a millisecond per call on this project's logged-in pages (three cache calls
each: the session, the kept page, its generations). A ``redis.Redis`` is safe to share between
threads (each command borrows a connection from the pool), so it is built once per pool.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _Client(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``CACHE_URL=redis://…`` selects this backend (see the settings)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
