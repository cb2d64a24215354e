"""The personal data archive: one ZIP with a JSON file per kind of record and the uploads.

Built from the declarations in :mod:`collider.privacy`, so a model an app declares is in the
archive without code here. Written by the background export job (``ExportJob`` with format
``zip``), which shows its progress on the export page; files are read through
:func:`collider.uploads.read_upload`.
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..uploads import read_upload
from . import SELF, PersonalData, consents_of, declarations

PERSON = "personal-data"
ORGANISATION = "organisation-data"
ARCHIVES = {
    PERSON: gettext_lazy("Your personal data"),
    ORGANISATION: gettext_lazy("Your organisation's data"),
}
FORMAT = "zip"
CONTENT_TYPE = "application/zip"


def person_emails(user) -> list[str]:
    """Every address the person used: the account's and the ones allauth keeps."""
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()}
    addresses.update(
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return sorted(addresses)


def person_filter(declaration: PersonalData, user, emails: list[str]) -> Q | None:
    """Rows of the declared model that are about ``user`` or record what they did."""
    condition = Q()
    for name in (*declaration.subject, *declaration.actors):
        condition |= Q(pk=user.pk) if name == SELF else Q(**{name: user})
    for name in declaration.emails:
        condition |= Q(**{f"{name}__in": emails})
    return condition or None


def subject_filter(declaration: PersonalData, user, emails: list[str]) -> Q | None:
    """Rows that are the person's own (what erasure changes), without the actor links."""
    condition = Q()
    for name in declaration.subject:
        condition |= Q(pk=user.pk) if name == SELF else Q(**{name: user})
    for name in declaration.emails:
        condition |= Q(**{f"{name}__in": emails})
    return condition or None


def organisation_filter(declaration: PersonalData, organisation) -> Q | None:
    condition = Q()
    for name in declaration.organisation:
        condition |= Q(pk=organisation.pk) if name == SELF else Q(**{name: organisation})
    return condition or None


def _rows(declaration: PersonalData, condition: Q):
    model = declaration.model_class()
    forward = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.name not in declaration.exclude
    ]
    queryset = model._default_manager.filter(condition).select_related(*forward).order_by("pk")
    many = any(name.count("__") or _is_many(model, name) for name in _names(declaration))
    return queryset.distinct() if many else queryset


def _names(declaration: PersonalData) -> tuple[str, ...]:
    return (*declaration.subject, *declaration.actors, *declaration.organisation)


def _is_many(model, name: str) -> bool:
    if name == SELF:
        return False
    field = model._meta.get_field(name)
    return field.many_to_many or field.one_to_many


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def _file_path(declaration: PersonalData, obj, field) -> str:
    name = posixpath.basename(getattr(obj, field.name).name)
    return f"files/{declaration.key.replace('.', '/')}/{obj.pk}-{field.name}-{name}"


def _record(declaration: PersonalData, obj) -> dict:
    record = {}
    for f in obj._meta.concrete_fields:
        if f.name in declaration.exclude:
            continue
        if f.is_relation:
            related = getattr(obj, f.name)
            record[f.name] = str(related) if related is not None else None
        elif isinstance(f, models.FileField):
            record[f.name] = _file_path(declaration, obj, f) if getattr(obj, f.name) else None
        else:
            record[f.name] = _plain(f.value_from_object(obj))
    return record


def _write_kind(archive: zipfile.ZipFile, declaration: PersonalData, condition: Q) -> int:
    """One JSON file for the kind, and its uploads next to it; returns the rows written."""
    model = declaration.model_class()
    records = []
    for obj in _rows(declaration, condition).iterator(chunk_size=500):
        records.append(_record(declaration, obj))
        for name in declaration.files:
            field = model._meta.get_field(name)
            content = read_upload(getattr(obj, name))
            if content is not None:
                archive.writestr(_file_path(declaration, obj, field), content)
    if records:
        body = {
            "kind": str(declaration.label),
            "model": declaration.model,
            "on_erasure": str(declaration.note),
            "records": records,
        }
        archive.writestr(
            f"{declaration.key.replace('.', '/')}.json",
            json.dumps(body, ensure_ascii=False, indent=2),
        )
    return len(records)


def _count(declaration: PersonalData, condition: Q) -> int:
    return _rows(declaration, condition).count()


def _conditions(kind: str, subject) -> list[tuple[PersonalData, Q]]:
    result = []
    emails = person_emails(subject) if kind == PERSON else []
    for declaration in declarations():
        if kind == PERSON:
            condition = person_filter(declaration, subject, emails)
        else:
            condition = organisation_filter(declaration, subject)
        if condition is not None:
            result.append((declaration, condition))
    return result


def archive_count(kind: str, subject) -> int:
    """How many records the archive will hold (the progress bar's total)."""
    return sum(_count(d, condition) for d, condition in _conditions(kind, subject))


def _readme(kind: str, subject) -> str:
    lines = [
        str(ARCHIVES[kind]),
        _("Written on %(when)s.") % {"when": timezone.localtime().isoformat(timespec="minutes")},
        "",
        _(
            "Each JSON file holds one kind of record: what the platform stores, field by field, "
            "and what erasure does with it (on_erasure). The files folder holds the files that "
            "were uploaded with those records."
        ),
    ]
    if kind == PERSON:
        lines.append(_("consents.json lists what you agreed to, with dates and the legal basis."))
    return "\n".join(lines) + "\n"


def _consents(user) -> str:
    return json.dumps(
        [
            {
                "kind": str(line.kind),
                "what": line.what,
                "given_at": _plain(line.given_at),
                "basis": str(line.basis),
                "withdrawn_at": _plain(line.withdrawn_at),
            }
            for line in consents_of(user)
        ],
        ensure_ascii=False,
        indent=2,
    )


def write_archive(
    kind: str, subject, out: IO[bytes], *, progress: Callable[[int], None] | None = None
) -> int:
    """Write the ZIP for ``subject`` (a user, or an organisation) into ``out``; return the number
    of records. ``progress(done)`` is called after each kind."""
    done = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(kind, subject))
        if kind == PERSON:
            archive.writestr("consents.json", _consents(subject))
        for declaration, condition in _conditions(kind, subject):
            done += _write_kind(archive, declaration, condition)
            if progress:
                progress(done)
    return done


def archive_filename(kind: str, subject) -> str:
    stamp = timezone.localdate().isoformat()
    if kind == PERSON:
        return f"collider-my-data-{stamp}.zip"
    return f"collider-organisation-{subject.slug}-{stamp}.zip"
