"""Emptying the database after a transactional test (the browser journeys, the worker tests).

Django flushes with one ``TRUNCATE`` of every table and then recreates the content types and
permissions (``post_migrate``). On PostgreSQL a ``TRUNCATE`` gives each of the ~110 tables and
their indexes new files: about half a second per test, on the browser journeys' critical path.
Deleting the rows of the tables that hold any, in one transaction with the foreign keys checked
at its end, leaves the same empty database in about 20 ms. The content types and permissions
are kept as they are (what ``post_migrate`` would recreate; no test adds its own), so nothing
needs recreating. Other databases keep Django's flush.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.test import TransactionTestCase

KEPT = frozenset({ContentType._meta.db_table, Permission._meta.db_table})


def delete_every_row(alias: str) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        - KEPT
    )
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        probe = " UNION ALL ".join(f"(SELECT %s FROM {quote(table)} LIMIT 1)" for table in tables)
        cursor.execute(probe, tables)
        for (table,) in cursor.fetchall():
            cursor.execute(f"DELETE FROM {quote(table)}")


_django_teardown = TransactionTestCase._fixture_teardown


def _fixture_teardown(self) -> None:
    aliases = list(self._databases_names(include_mirrors=False))
    if self.available_apps is not None or any(
        connections[alias].vendor != "postgresql" for alias in aliases
    ):
        _django_teardown(self)
        return
    for alias in aliases:
        delete_every_row(alias)


def install() -> None:
    """Empty with ``delete_every_row`` instead of Django's flush (tests/conftest.py)."""
    TransactionTestCase._fixture_teardown = _fixture_teardown
