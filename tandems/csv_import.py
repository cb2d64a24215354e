"""Pure parsing and validation of a contact CSV: bytes in, rows or a row-by-row error report out.

Nothing here writes. A file is either entirely valid (every row cleaned) or rejected with every
problem found (line number, field, message), so an import is all or nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.enums import Sector
from collider.exports import cell_read

from .enums import ConsentBasis, ContactKind

COLUMNS = [
    "kind",
    "name",
    "organisation",
    "sector",
    "email",
    "phone",
    "tags",
    "source",
    "consent_basis",
    "consent_date",
    "notes",
]
#: The headers an export writes and an import also accepts, in the reader's language.
COLUMN_LABELS = {
    "kind": gettext_lazy("Kind"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Organisation"),
    "sector": gettext_lazy("Sector"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "tags": gettext_lazy("Tags"),
    "source": gettext_lazy("Source"),
    "consent_basis": gettext_lazy("Consent basis"),
    "consent_date": gettext_lazy("Consent date"),
    "notes": gettext_lazy("Notes"),
}
REQUIRED_COLUMNS = ["kind", "name", "email", "consent_basis"]
MAX_LENGTHS = {
    "name": 200,
    "organisation": 200,
    "phone": 40,
    "tags": 500,
    "source": 200,
    "email": 254,
}
MAX_ROWS = 20000


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ParsedFile:
    encoding: str = ""
    delimiter: str = ","
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    text: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


class DecodeError(ValueError):
    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> tuple[str, str]:
    """Decode an upload: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Spreadsheet programs on Windows often save CSV as Windows-1252; reading that as UTF-8 fails
    on the first umlaut, so we fall back instead of rejecting the file. Bytes that mean nothing
    in Windows-1252 either (or NUL bytes: not a text file) raise ``ValueError``.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise DecodeError(_("This is not a text file (it contains NUL bytes). Save it as CSV."))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DecodeError(
            _(
                "Line %(line)s: the file is neither UTF-8 nor Windows-1252 text. "
                "Save it as CSV UTF-8."
            )
            % {"line": line},
            line,
        ) from error


def _choice(value: str, choices) -> str | None:
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (str(code).lower(), str(label).lower()):
            return code
    return None


def _column_of(heading: str) -> str:
    """A header cell as its column: the column's name ("consent_basis") or the label an export
    writes ("Consent basis"), in any case."""
    wanted = heading.strip().lower()
    for name, label in COLUMN_LABELS.items():
        if wanted == str(label).lower():
            return name
    return wanted.replace(" ", "_")


def _date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError


def clean_row(raw: dict[str, str], line: int) -> tuple[dict, list[RowError]]:
    """Validate one row; returns the cleaned values and the errors found in it."""
    errors: list[RowError] = []
    # cell_read: a file we exported carries neutralised cells ("'+43 …"); read them back as typed.
    row = {name: cell_read((raw.get(name) or "").strip()) for name in COLUMNS}
    for name in ("kind", "name", "email", "consent_basis"):
        if not row[name]:
            errors.append(RowError(line, name, _("This field is required.")))
    for name, limit in MAX_LENGTHS.items():
        if len(row[name]) > limit:
            errors.append(
                RowError(line, name, _("At most %(n)s characters allowed.") % {"n": limit})
            )
    if row["kind"]:
        kind = _choice(row["kind"], ContactKind.choices)
        if kind is None:
            errors.append(
                RowError(
                    line,
                    "kind",
                    _("Unknown kind %(value)r; use %(choices)s.")
                    % {"value": row["kind"], "choices": ", ".join(ContactKind.values)},
                )
            )
        row["kind"] = kind
    if row["sector"]:
        sector = _choice(row["sector"], Sector.choices)
        if sector is None:
            errors.append(
                RowError(
                    line,
                    "sector",
                    _("Unknown sector %(value)r; use %(choices)s.")
                    % {"value": row["sector"], "choices": ", ".join(Sector.values)},
                )
            )
        row["sector"] = sector or ""
    if row["consent_basis"]:
        basis = _choice(row["consent_basis"], ConsentBasis.choices)
        if basis is None:
            errors.append(
                RowError(
                    line,
                    "consent_basis",
                    _("Unknown consent basis %(value)r; use %(choices)s.")
                    % {"value": row["consent_basis"], "choices": ", ".join(ConsentBasis.values)},
                )
            )
        row["consent_basis"] = basis
    if row["email"]:
        row["email"] = row["email"].lower()
        try:
            validate_email(row["email"])
        except ValidationError:
            errors.append(
                RowError(
                    line,
                    "email",
                    _("%(value)r is not a valid e-mail address.") % {"value": row["email"]},
                )
            )
    if row["consent_date"]:
        try:
            row["consent_date"] = _date(row["consent_date"])
        except ValueError:
            errors.append(
                RowError(
                    line,
                    "consent_date",
                    _("%(value)r is not a date; use YYYY-MM-DD.") % {"value": row["consent_date"]},
                )
            )
    else:
        row["consent_date"] = None
    if row["consent_basis"] == ConsentBasis.CONSENT and not row["consent_date"] and not errors:
        errors.append(
            RowError(line, "consent_date", _("Give the date on which consent was given."))
        )
    return row, errors


def parse(data: bytes) -> ParsedFile:
    """Decode, read and validate every row. Collects all errors; never raises on bad input."""
    result = ParsedFile()
    try:
        text, result.encoding = decode(data)
    except DecodeError as error:
        result.errors.append(RowError(error.line, "", str(error)))
        return result
    result.text = text
    first_line = text.split("\n", 1)[0]
    try:
        result.delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        result.delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        result.errors.append(RowError(1, "", _("Unreadable header: %(e)s") % {"e": error}))
        return result
    if not header:
        result.errors.append(RowError(1, "", _("The file is empty.")))
        return result
    header = [_column_of(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    for name in missing:
        result.errors.append(RowError(1, name, _("Required column is missing.")))
    for name in unknown:
        result.errors.append(
            RowError(
                1, name, _("Unknown column; the columns are: %(c)s") % {"c": ", ".join(COLUMNS)}
            )
        )
    if missing or unknown:
        return result
    seen: dict[str, int] = {}
    while True:
        # A quoted field may span lines: a record is reported by the line it starts on.
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.errors.append(RowError(start, "", _("Malformed CSV: %(e)s") % {"e": error}))
            break
        line = start
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            result.errors.append(
                RowError(
                    line,
                    "",
                    _("Expected %(n)s fields, found %(m)s.") % {"n": len(header), "m": len(values)},
                )
            )
            continue
        row, errors = clean_row(dict(zip(header, values, strict=True)), line)
        if row["email"] and not errors:
            if row["email"] in seen:
                errors.append(
                    RowError(
                        line,
                        "email",
                        _("Duplicate of line %(line)s in this file.")
                        % {"line": seen[row["email"]]},
                    )
                )
            seen.setdefault(row["email"], line)
        result.errors.extend(errors)
        row["line"] = line
        result.rows.append(row)
        if len(result.rows) > MAX_ROWS:
            result.errors.append(
                RowError(line, "", _("Too many rows; at most %(n)s per file.") % {"n": MAX_ROWS})
            )
            break
    if not result.rows and not result.errors:
        result.errors.append(RowError(2, "", _("The file has a header but no contacts.")))
    return result
