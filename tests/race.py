"""Simulate the other request of a race, deterministically: run ``other()`` just before the
``nth`` SELECT on ``table`` that the code under test sends (after it read, before it locks)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection


@contextmanager
def other_request_before(table: str, nth: int, other: Callable[[], object]):
    seen = 0

    def wrapper(execute, sql, params, many, context):
        nonlocal seen
        if sql.lstrip().upper().startswith("SELECT") and f'"{table}"' in sql:
            seen += 1
            if seen == nth:
                other()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
