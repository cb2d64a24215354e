"""What the outreach service modules share: the partner check, applying fields, file cleanup."""

from __future__ import annotations

import contextlib
from typing import Any

from django.db import transaction


def _apply(instance, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def _file_delete_on_commit(field_file) -> None:
    # Files are not transactional: drop them only once the row is surely gone.
    name, storage = field_file.name, field_file.storage

    def delete() -> None:
        with contextlib.suppress(FileNotFoundError, KeyError, OSError):
            storage.delete(name)

    if name:
        transaction.on_commit(delete)
