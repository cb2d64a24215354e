"""A copy of the test database's rows, taken once per session and restored into a test in bulk.

Building the demo (``load_demo``) or the access matrix's world costs seconds of queries; putting
the same rows back costs one INSERT per table and batch. Rows are kept as the model instances
read at the time, primary keys included, so a restored copy is the same data under the same
keys (the sequences are already past them: the rows were created once). They are inserted raw,
like fixtures: no ``save()``, no signals, no audit entries, ``auto_now`` fields as they were.

Content types and permissions are not copied: the flush after every transactional test deletes
and recreates them under new keys. References to them are mapped to the current rows by their
natural keys when the copy is restored.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

# Recreated by every flush: referred to by natural key, never copied.
RECREATED = (ContentType, Permission)
BATCH = 500


def _natural_keys(model) -> dict[int, tuple]:
    return {obj.pk: obj.natural_key() for obj in model._base_manager.all()}


def _current_pks(model) -> dict[tuple, int]:
    return {obj.natural_key(): obj.pk for obj in model._base_manager.all()}


class Snapshot:
    """Every row of every table (but ``skip``, given as ``"app_label.model"``) at ``take()``."""

    def __init__(self, tables, references) -> None:
        # [(model, [instance, ...])], and [(model of the reference, instance, attname, key)].
        self.tables = tables
        self.references = references

    @classmethod
    def take(cls, *, skip: frozenset[str] = frozenset()) -> Snapshot:
        keys = {model: _natural_keys(model) for model in RECREATED}
        tables, references = [], []
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if model in RECREATED or meta.label_lower in skip or meta.proxy or not meta.managed:
                continue
            rows = list(model._base_manager.order_by("pk"))
            if not rows:
                continue
            tables.append((model, rows))
            for field in meta.local_concrete_fields:
                target = field.related_model if field.is_relation else None
                if target in RECREATED:
                    references += [
                        (target, row, field.attname, keys[target][getattr(row, field.attname)])
                        for row in rows
                        if getattr(row, field.attname) is not None
                    ]
        return cls(tables, references)

    def restore(self) -> None:
        """Insert the copy into the current (emptied or rolled-back) database."""
        current = {model: _current_pks(model) for model in {ref[0] for ref in self.references}}
        for target, row, attname, key in self.references:
            setattr(row, attname, current[target][key])
        with transaction.atomic():
            for model, rows in self.tables:
                fields = model._meta.local_concrete_fields
                size = min(BATCH, max(connection.ops.bulk_batch_size(fields, rows), 1))
                for start in range(0, len(rows), size):
                    model._base_manager._insert(rows[start : start + size], fields, raw=True)
            # Foreign keys are checked at commit (deferred); check them now, with the copy whole.
            connection.check_constraints()

    def __len__(self) -> int:
        return sum(len(rows) for _, rows in self.tables)
