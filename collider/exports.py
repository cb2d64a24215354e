"""The export registry: every list partners and admins see, as CSV or XLSX.

A dataset is a key, a label, its column headers, ``rows(programme, params)`` yielding one list
per row (built on ``.iterator()`` so a long list never sits in memory) and
``count(programme, params)`` (one query, for the exports page and the progress bar). The core
registers its own lists below; each phase app registers its lists in its ``exports.py``, loaded
from ``AppConfig.ready()``, so the core never imports a phase app.

Writers stream the rows into a binary file in chunks and report progress after each chunk, so the
same code serves a direct download and a background :class:`collider.models.ExportJob`.

Every CSV or XLSX file the platform writes goes through :func:`write` (downloads outside the
registry wrap their rows in :func:`table`), so every file reads the same way:

- headers are labels in the reader's language (lazy translations, resolved when written);
- a text that a spreadsheet program would run as a formula gets a leading apostrophe;
- dates and times are in one time zone (``TIME_ZONE``), to the second; ``yes``/``no`` for
  booleans;
- a CSV starts with a byte-order mark, so spreadsheet programs read it as UTF-8;
- an XLSX has a bold, frozen header row and columns as wide as their content.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import IO, Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import MembershipStatus, RegistrationStatus, Role
from .models import Event, Membership, Organisation

RowsFunction = Callable[[Any, dict], Iterable[Sequence[Any]]]
CountFunction = Callable[[Any, dict], int]

#: Rows fetched per database round trip, and written between two progress reports.
CHUNK = 2000
#: Rows looked at before anything is written: they size the XLSX columns.
PREVIEW = 200
#: XLSX column widths, in characters.
MIN_WIDTH, MAX_WIDTH = 8, 60

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",  # personal data archives (collider.privacy.archive), not lists
}
FORMATS = ("csv", "xlsx")

#: Who may export by default: the programme's partners and platform admins.
DEFAULT_SCOPE = "collider.export_data"


@dataclass(frozen=True)
class Dataset:
    key: str
    label: str
    headers: tuple[str, ...]
    rows: RowsFunction
    count: CountFunction
    scope: str = DEFAULT_SCOPE  # a permission checked against the programme
    order: int = 50


_datasets: dict[str, Dataset] = {}


def register_export(
    key: str,
    label,
    *,
    headers: Sequence[str],
    rows_fn: RowsFunction,
    count_fn: CountFunction,
    scope: str = DEFAULT_SCOPE,
    order: int = 50,
) -> Dataset:
    """Register a dataset under ``key`` (letters, digits, ``_`` and ``-``: it is part of URLs)."""
    dataset = Dataset(
        key=key,
        label=label,
        headers=tuple(headers),
        rows=rows_fn,
        count=count_fn,
        scope=scope,
        order=order,
    )
    _datasets[key] = dataset
    return dataset


def table(*, key: str, label, headers: Sequence[str], rows: Callable[[], Iterable]) -> Dataset:
    """A one-off dataset (not registered) over ``rows()``, for a download outside the registry
    (contacts, checklist responses, the network report) so it goes through the same writer."""
    return Dataset(
        key=key,
        label=label,
        headers=tuple(headers),
        rows=lambda programme, params: rows(),
        count=lambda programme, params: 0,
    )


def export_definitions() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda d: (d.order, d.key))


def export_get(key: str) -> Dataset | None:
    return _datasets.get(key)


def exports_for(user, programme) -> list[Dataset]:
    """The datasets ``user`` may export from ``programme``."""
    return [d for d in export_definitions() if user.has_perm(d.scope, programme)]


# --- Writers ----------------------------------------------------------------------------------

#: Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, fmt: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        # One zone for the whole file, to the second; openpyxl refuses aware datetimes anyway.
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        local = value.replace(microsecond=0, tzinfo=None)
        return local if fmt == "xlsx" else local.isoformat(sep=" ")
    if isinstance(value, date):
        return value if fmt == "xlsx" else value.isoformat()
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def cell_read(text: str) -> str:
    """Undo the writer's neutralising apostrophe when a file we wrote is imported again."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def write(
    dataset: Dataset,
    programme,
    params: dict,
    fmt: str,
    out: IO[bytes],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``dataset`` as ``fmt`` into the binary file ``out``; return the number of rows.

    ``progress(rows_done)`` is called after every :data:`CHUNK` rows and at the end.
    """
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    done = 0
    rows = iter(dataset.rows(programme, params))
    raw = list(islice(rows, PREVIEW))
    # Labels in the reader's language; the same whether the list is empty or not.
    headers = [str(header) for header in dataset.headers]
    preview = [[_cell(value, fmt) for value in row] for row in raw]
    cells = chain(preview, ([_cell(value, fmt) for value in row] for row in rows))
    if fmt == "csv":
        # A BOM so spreadsheet programs open the UTF-8 file with the right encoding.
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
        writer = csv.writer(text)
        writer.writerow(headers)
        for row in cells:
            writer.writerow(row)
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        text.flush()
        text.detach()  # leave ``out`` open for the caller
    else:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        # Write-only mode keeps rows on disk, not in memory, until the file is saved.
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(dataset.label)[:31])
        for index, width in enumerate(_widths(headers, preview), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in cells:
            sheet.append(row)
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        workbook.save(out)
    if progress:
        progress(done)
    return done


def _widths(headers: list[str], preview: list[list]) -> list[int]:
    """Each XLSX column as wide as its header or its widest previewed cell, within bounds."""
    widths = []
    for i, header in enumerate(headers):
        longest = max([len(header), *(len(_shown(row[i])) for row in preview if i < len(row))])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _shown(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render(dataset: Dataset, programme, params: dict, fmt: str) -> bytes:
    """The whole file in memory: for direct downloads, which stay below the job threshold."""
    out = io.BytesIO()
    write(dataset, programme, params, fmt, out)
    return out.getvalue()


def filename(programme, dataset: Dataset, fmt: str) -> str:
    slug = programme.slug if programme is not None else "network"
    return f"{slug}-{dataset.key}.{fmt}"


# --- The core's own lists ---------------------------------------------------------------------


def _participants(programme):
    return Membership.objects.filter(programme=programme, role=Role.PARTICIPANT).exclude(
        status=MembershipStatus.REJECTED
    )


def _participant_rows(programme, params):
    rows = (
        _participants(programme).select_related("user", "organisation").order_by("created_at", "pk")
    )
    for m in rows.iterator(chunk_size=CHUNK):
        organisation = m.organisation
        yield [
            m.user.display_name,
            m.user.email,
            m.get_sector_display(),
            organisation.name if organisation else "",
            organisation.country.name if organisation else "",
            m.get_status_display(),
            m.created_at.date(),
        ]


register_export(
    "participants",
    _("Participants"),
    headers=[
        _("Name"),
        _("E-mail"),
        _("Sector"),
        _("Organisation"),
        _("Country"),
        _("Status"),
        _("Joined on"),
    ],
    rows_fn=_participant_rows,
    count_fn=lambda programme, params: _participants(programme).count(),
    order=10,
)


def _organisations(programme):
    return Organisation.objects.filter(
        memberships__programme=programme, memberships__status=MembershipStatus.APPROVED
    ).distinct()


def _organisation_rows(programme, params):
    rows = (
        Organisation.objects.filter(pk__in=_organisations(programme).values("pk"))
        .annotate(
            people=Count(
                "memberships",
                filter=Q(
                    memberships__programme=programme,
                    memberships__status=MembershipStatus.APPROVED,
                ),
            )
        )
        .order_by("name", "pk")
    )
    for o in rows.iterator(chunk_size=CHUNK):
        yield [
            o.name,
            o.get_kind_display(),
            o.get_sector_display(),
            o.country.name,
            o.region,
            o.get_size_display(),
            o.website,
            o.people,
        ]


register_export(
    "organisations",
    _("Organisations"),
    headers=[
        _("Name"),
        _("Kind"),
        _("Sector"),
        _("Country"),
        _("Region"),
        _("Size"),
        _("Website"),
        _("Members"),
    ],
    rows_fn=_organisation_rows,
    count_fn=lambda programme, params: _organisations(programme).count(),
    order=11,
)


def _events(programme):
    return Event.objects.filter(programme=programme)


def _event_rows(programme, params):
    rows = (
        _events(programme)
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at", "pk")
    )
    for event in rows.iterator(chunk_size=CHUNK):
        yield [
            event.title,
            event.get_kind_display(),
            event.starts_at,
            event.get_status_display(),
            event.registered,
            event.attended_count,
        ]


register_export(
    "events",
    _("Events with attendance"),
    headers=[
        _("Event"),
        _("Kind"),
        _("Starts at"),
        _("Status"),
        _("Registered"),
        _("Attended"),
    ],
    rows_fn=_event_rows,
    count_fn=lambda programme, params: _events(programme).count(),
    order=12,
)
