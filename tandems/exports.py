"""Contact database export (CSV and XLSX through the core's one writer), headed and worded in the
reader's language; the import reads it back (headers and choices by their labels)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from collider import exports

from .csv_import import COLUMN_LABELS, COLUMNS

#: Choices written as their labels, which the import reads back.
LABELLED = {"kind", "sector", "consent_basis"}


def contacts_table(contacts) -> exports.Dataset:
    def rows():
        for contact in contacts.iterator(chunk_size=exports.CHUNK):
            yield [
                getattr(contact, f"get_{name}_display")()
                if name in LABELLED and getattr(contact, name)
                else getattr(contact, name)
                for name in COLUMNS
            ]

    headers = [COLUMN_LABELS[name] for name in COLUMNS]
    return exports.table(key="contacts", label=_("Contacts"), headers=headers, rows=rows)


def contacts_export(contacts, *, fmt: str) -> tuple[bytes, str]:
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    return exports.render(contacts_table(contacts), None, {}, fmt), exports.CONTENT_TYPES[fmt]
