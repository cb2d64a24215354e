"""Values computed from many rows, kept in the shared cache until one of those rows changes.

A *scope* names the rows a value is computed from (e.g. one challenge's reviews). Each scope has
a generation in the cache; a value is stored under its scope's current generation, and a change
to the rows starts a new generation (:func:`forget`, called by the services' signal receivers),
so the next read computes afresh. The new generation is set again once the writing transaction
commits: a read that ran meanwhile stored what it saw under the old generation, which no later
read asks for. Works across processes with a shared cache (``CACHE_URL``, Redis in production).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
K = TypeVar("K")

#: A value nobody changed is still recomputed after a day (a safety net, not the mechanism).
KEEP_SECONDS = 24 * 3600


def _generation_key(scope: str) -> str:
    return f"generation:{scope}"


def _new_generation(scope: str) -> None:
    cache.set(_generation_key(scope), secrets.token_hex(8), KEEP_SECONDS)


def forget(scope: str) -> None:
    """The rows of ``scope`` changed: values computed from them are computed again."""
    _new_generation(scope)
    transaction.on_commit(lambda: _new_generation(scope))


def _generations(scopes: list[str]) -> dict[str, str]:
    keys = {scope: _generation_key(scope) for scope in scopes}
    found = cache.get_many(list(keys.values()))
    generations = {}
    for scope, key in keys.items():
        if key not in found:
            fresh = secrets.token_hex(8)
            found[key] = fresh if cache.add(key, fresh, KEEP_SECONDS) else cache.get(key, fresh)
        generations[scope] = found[key]
    return generations


def cached(scope: str, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` (never None), or what it returned before in this generation of ``scope``."""
    return cached_many({scope: scope}, name, lambda _missing: {scope: compute()})[scope]


def cached_many(scopes: dict[K, str], name: str, compute: Callable[[list[K]], dict[K, T]]):
    """``{item: value}`` for each item of ``scopes`` (``{item: its scope}``): the cached values,
    and ``compute(missing items)`` for the others, in one call (so one query for all of them)."""
    generations = _generations(list(set(scopes.values())))
    keys = {item: f"cached:{scope}:{generations[scope]}:{name}" for item, scope in scopes.items()}
    found = cache.get_many(list(keys.values()))
    values = {item: found[key] for item, key in keys.items() if key in found}
    missing = [item for item in scopes if item not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[item]: computed[item] for item in missing}, KEEP_SECONDS)
        values.update(computed)
    return values
