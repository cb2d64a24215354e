"""Values computed from many rows, kept in the shared cache until one of those rows changes.

A *scope* names the rows a value is computed from (e.g. one challenge's reviews). Each scope has
a generation in the cache; a value is stored under its scope's current generation, and a change
to the rows starts a new generation (:func:`forget`, called by the services' signal receivers),
so the next read computes afresh. The new generation is set again once the writing transaction
commits: a read that ran meanwhile stored what it saw under the old generation, which no later
read asks for. Works across processes with a shared cache (``CACHE_URL``, Redis in production).

Every database table is a scope too (``table:<name>``), kept by the database connection itself
rather than by signals: each statement that writes a table (``INSERT``, ``UPDATE``, ``DELETE``,
``TRUNCATE`` — the ORM's, a ``queryset.update()``'s, raw SQL's, in every process that runs our
code, the Celery worker's included) starts a new generation of that table, and any other
statement that may write (DDL, ``COPY``, a writing CTE) starts a new generation of every table.
:func:`recording` collects what a computation depended on — the tables its queries read, the
scopes of the cached values it used — with their generations taken *before* each first read,
and :func:`unchanged` tells later whether all of them are still current (``collider.pagecache``
keeps whole pages this way).
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
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
    _record(scopes)
    return _current(scopes)


def generation(scope: str) -> str:
    """The current generation of ``scope`` (not recorded)."""
    return _current([scope])[scope]


def _current(scopes) -> dict[str, str]:
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


# --- Tables as scopes -------------------------------------------------------------------------

#: Depended on by every recording: starts anew on a statement whose tables are not known.
EVERY_TABLE = "table:*"

# The first word of statements that never write data.
_READS = frozenset(
    {
        *("SELECT", "VALUES", "SHOW", "EXPLAIN", "PRAGMA", "SET", "RESET", "LOCK"),
        *("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"),
        *("DECLARE", "FETCH", "MOVE", "CLOSE", "LISTEN", "UNLISTEN", "NOTIFY"),
    }
)
_FIRST_WORD = re.compile(r"\s*(?:/\*.*?\*/\s*)*([A-Za-z]+)", re.S)
_WRITE_TARGET = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|REPLACE\s+INTO)"
    r"\s+(?:ONLY\s+)?\"?(\w+)\"?",
    re.I,
)
_TRUNCATE = re.compile(
    r"^\s*TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(.*?)(?:\s+(?:RESTART|CONTINUE|CASCADE|RESTRICT)\b.*)?;?\s*$",
    re.I | re.S,
)
_WRITE_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE|TRUNCATE|MERGE)\b", re.I)
_READ_TABLE = re.compile(r"\b(?:FROM|JOIN)\s+\"?([A-Za-z_]\w*)\"?", re.I)


def table_scope(table: str) -> str:
    return f"table:{table}"


def written_tables(sql: str) -> list[str] | None:
    """The tables a statement writes: ``[]`` for a statement that writes nothing, ``None`` when
    it may write tables it does not name plainly (every table then counts as written)."""
    match = _FIRST_WORD.match(sql)
    word = match.group(1).upper() if match else ""
    if word in _READS:
        return []
    if word == "WITH":
        return None if _WRITE_WORD.search(sql) else []
    if word == "TRUNCATE":
        listed = _TRUNCATE.match(sql)
        if listed is None:
            return None
        return [name.strip().strip('"') for name in listed.group(1).split(",") if name.strip()]
    target = _WRITE_TARGET.match(sql)
    if target is not None:
        return [target.group(1)]
    return None


def read_tables(sql: str) -> set[str]:
    """The tables a query reads (every name after FROM or JOIN; an extra name only costs an
    extra generation to compare)."""
    return set(_READ_TABLE.findall(sql))


def _tables_written(tables: list[str] | None) -> None:
    scopes = [EVERY_TABLE] if tables is None else [table_scope(table) for table in tables]
    fresh = secrets.token_hex(8)
    cache.set_many({_generation_key(scope): fresh for scope in scopes}, KEEP_SECONDS)


def _track_writes(execute, sql, params, many, context):
    """The connection's wrapper around every statement (installed by ``CollideConfig``): a
    write starts a new generation of its tables now and again when its transaction commits."""
    result = execute(sql, params, many, context)
    tables = written_tables(sql if isinstance(sql, str) else str(sql))
    if tables == []:
        return result
    _tables_written(tables)
    connection = context["connection"]
    if connection.in_atomic_block:
        state = connection.__dict__.setdefault("_collider_writes", _PendingWrites())
        # Django starts a new list of commit hooks on commit, rollback and savepoint rollback:
        # one registration per list, found without scanning it (at worst the tables are
        # renewed twice, or once more after a rollback).
        if state.registered_on is not connection.run_on_commit:
            connection.on_commit(state.after_commit)
            state.registered_on = connection.run_on_commit
        state.tables.update([None] if tables is None else tables)
    return result


class _PendingWrites:
    """The tables a connection's open transaction wrote, renewed once more when it commits."""

    def __init__(self):
        self.tables: set[str | None] = set()
        self.registered_on: list | None = None

    def after_commit(self) -> None:
        tables, self.tables = self.tables, set()
        _tables_written(None if None in tables else sorted(tables))


def track_writes(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every new database connection tracks its writes."""
    if _track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track_writes)


# --- Recording what a computation depended on ---------------------------------------------

_recordings = threading.local()


def _record(scopes) -> None:
    for found in getattr(_recordings, "stack", ()):
        new = [scope for scope in scopes if scope not in found]
        if new:
            found.update(_current(new))


@contextlib.contextmanager
def recording(*always: str) -> Iterator[dict[str, str]]:
    """Collect ``{scope: generation}`` of what runs inside: the tables its queries read, the
    scopes of the cached values it used, ``always`` and :data:`EVERY_TABLE`. A generation is
    taken before the first query that reads its table, so a write committed meanwhile makes
    the recording outdated rather than wrongly current."""
    from django.db import connection

    found: dict[str, str] = {}
    stack = _recordings.__dict__.setdefault("stack", [])
    stack.append(found)

    def reads(execute, sql, params, many, context):
        _record([table_scope(table) for table in read_tables(str(sql))])
        return execute(sql, params, many, context)

    try:
        _record([EVERY_TABLE, *always])
        with connection.execute_wrapper(reads):
            yield found
    finally:
        stack.remove(found)


def unchanged(generations: dict[str, str]) -> bool:
    """Whether every scope of a recording still has the generation it had then."""
    if not generations:
        return False
    keys = {_generation_key(scope): value for scope, value in generations.items()}
    found = cache.get_many(list(keys))
    return all(found.get(key) == value for key, value in keys.items())


# --- What one process keeps of what the generations vouch for ---------------------------------


class Recent:
    """What this process used lately (kept pages, signed-in users), to be checked against the
    shared generations before use: a bounded, thread-safe map that drops the least recently
    used first once the ``weight`` of its values passes ``limit``."""

    def __init__(self, limit: int, weight: Callable[[object], int] = lambda _value: 1):
        self.limit = limit
        self.weight = weight
        self.size = 0
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key) -> bool:
        return key in self._values

    def get(self, key):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._drop(key)
            self._values[key] = value
            self.size += self.weight(value)
            while self.size > self.limit and self._values:
                self._drop(next(iter(self._values)))

    def discard(self, key) -> None:
        with self._lock:
            self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.size = 0

    def keys(self) -> list:
        with self._lock:
            return list(self._values)

    def _drop(self, key) -> None:
        value = self._values.pop(key, None)
        if value is not None:
            self.size -= self.weight(value)
