"""Contact database export (tablib: CSV and XLSX), in the same columns the import reads."""

from __future__ import annotations

import tablib
from django.http import Http404

from .csv_import import COLUMNS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def contacts_dataset(contacts) -> tablib.Dataset:
    data = tablib.Dataset(headers=COLUMNS, title="Contacts")
    for contact in contacts.iterator(chunk_size=1000):
        data.append(
            [
                "" if getattr(contact, name) is None else str(getattr(contact, name))
                for name in COLUMNS
            ]
        )
    return data


def contacts_export(contacts, *, fmt: str) -> tuple[bytes, str]:
    if fmt not in CONTENT_TYPES:
        raise Http404
    data = contacts_dataset(contacts)
    body = data.export(fmt)
    if isinstance(body, str):
        # A BOM so spreadsheet programs open the UTF-8 file with the right encoding.
        body = ("\ufeff" + body).encode("utf-8")
    return body, CONTENT_TYPES[fmt]
