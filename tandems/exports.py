"""Contact database export (CSV and XLSX through the core's one writer), in the same columns the
import reads."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from collider import exports

from .csv_import import COLUMNS


def contacts_table(contacts) -> exports.Dataset:
    def rows():
        for contact in contacts.iterator(chunk_size=exports.CHUNK):
            yield [getattr(contact, name) for name in COLUMNS]

    return exports.table(key="contacts", label=_("Contacts"), headers=COLUMNS, rows=rows)


def contacts_export(contacts, *, fmt: str) -> tuple[bytes, str]:
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    return exports.render(contacts_table(contacts), None, {}, fmt), exports.CONTENT_TYPES[fmt]
