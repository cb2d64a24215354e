"""Uploaded files, in and out: one validator for every upload, one helper for serving them.

In: :func:`validate_upload` checks the extension, the content (magic bytes, sniffed with the
``filetype`` library; text files must decode and hold no NUL byte; images must also decode) and the
size against an :class:`UploadRule`, and returns the MIME type taken from the content. Forms use
:class:`UploadField`, which puts the message next to the field; services call the validator again
because they are also reached without a form.

Size limits and Django's settings: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` counts the request body *without*
file parts, and ``FILE_UPLOAD_MAX_MEMORY_SIZE`` only decides whether a file part is kept in memory
or spooled to a temporary file. Neither refuses a large file, so a file above a rule's limit always
reaches the form and gets a message next to the field, never a bare 400.

Out: :func:`serve_upload` streams a stored file, or answers 404 with a message when the file is
missing from storage (a backup restored without the uploads folder); :func:`read_upload` returns
its bytes or None for the same case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024
#: Bytes read to sniff the content (filetype looks at most this far).
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: frozenset[str]
    mime: str
    #: What filetype must recognise in the content; None for plain text.
    sniffed: frozenset[str] | None
    image: bool = False


KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", frozenset({"pdf"}), "application/pdf", frozenset({"pdf"})),
    "png": FileKind("PNG", frozenset({"png"}), "image/png", frozenset({"png"}), image=True),
    "jpeg": FileKind(
        "JPEG", frozenset({"jpg", "jpeg"}), "image/jpeg", frozenset({"jpg"}), image=True
    ),
    "webp": FileKind("WebP", frozenset({"webp"}), "image/webp", frozenset({"webp"}), image=True),
    "xlsx": FileKind(
        "XLSX",
        frozenset({"xlsx"}),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        frozenset({"xlsx", "zip"}),
    ),
    "docx": FileKind(
        "DOCX",
        frozenset({"docx"}),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        frozenset({"docx", "zip"}),
    ),
    "csv": FileKind("CSV", frozenset({"csv"}), "text/csv", None),
    "txt": FileKind("TXT", frozenset({"txt"}), "text/plain", None),
}


@dataclass(frozen=True)
class UploadRule:
    """Which kinds of file (keys of :data:`KINDS`) an upload accepts, and how large."""

    kinds: tuple[str, ...]
    max_bytes: int

    @property
    def labels(self) -> str:
        return ", ".join(KINDS[kind].label for kind in self.kinds)

    @property
    def help_text(self):
        """What the field accepts, in the reader's language (lazy: evaluated when rendered)."""
        return _lazy_help(self)


def _help_text(rule: UploadRule) -> str:
    return _("%(types)s; at most %(size)s MB.") % {
        "types": rule.labels,
        "size": rule.max_bytes // MB,
    }


_lazy_help = lazy(_help_text, str)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _is_text(head: bytes) -> bool:
    if b"\x00" in head or filetype.guess(head) is not None:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            # A multi-byte character may be cut at the end of the head: ignore the last bytes.
            head[: len(head) - 4 if len(head) > 4 else len(head)].decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _decodes_as_image(upload) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)
    return True


def validate_upload(upload, rule: UploadRule) -> str:
    """Check ``upload`` against ``rule``; return the MIME type of its content.

    Raises a ValidationError whose message says what is wrong (type, content, size).
    """
    extension = _extension(upload.name)
    kind = next((KINDS[k] for k in rule.kinds if extension in KINDS[k].extensions), None)
    if kind is None:
        raise ValidationError(
            _("Upload one of these file types: %(types)s.") % {"types": rule.labels},
            code="file_type",
        )
    if upload.size > rule.max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{upload.size / MB:.1f}", "limit": rule.max_bytes // MB},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if kind.sniffed is None:
        matches = _is_text(head)
    else:
        guessed = filetype.guess(head)
        matches = guessed is not None and guessed.extension in kind.sniffed
    if matches and kind.image:
        matches = _decodes_as_image(upload)
    if not matches:
        raise ValidationError(
            _("The file's content is not a %(type)s file.") % {"type": kind.label},
            code="file_content",
        )
    return kind.mime


class UploadField(forms.FileField):
    """A file field checked by :func:`validate_upload`; the cleaned upload's ``content_type``
    is the one sniffed from its content (never the browser's claim)."""

    def __init__(self, *, rule: UploadRule, **kwargs) -> None:
        self.rule = rule
        kwargs.setdefault("help_text", rule.help_text)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "read"):
            upload.content_type = validate_upload(upload, self.rule)
        return upload


# --- Serving ------------------------------------------------------------------------------------

MISSING_FILE = gettext_lazy(
    "This file is missing on the server (it may not have been restored from a backup). "
    "Please tell the programme's organisers."
)


def _open(field):
    if not field:
        return None
    try:
        # Straight from storage: a FieldFile may hold a cached handle of a file since removed.
        return field.storage.open(field.name, "rb")
    except (FileNotFoundError, IsADirectoryError):
        return None


def read_upload(field) -> bytes | None:
    """The stored file's bytes, or None when there is none or it is missing from storage."""
    handle = _open(field)
    if handle is None:
        return None
    with handle:
        return handle.read()


def serve_upload(
    request: HttpRequest,
    field,
    *,
    content_type: str,
    filename: str = "",
    inline: bool = False,
    headers: Iterable[tuple[str, str]] = (),
) -> HttpResponse:
    """Stream a stored upload, or a 404 page that says the file is missing."""
    handle = _open(field)
    if handle is None:
        return render(request, "404.html", {"message": MISSING_FILE}, status=404)
    response = FileResponse(
        handle,
        content_type=content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    for name, value in headers:
        response[name] = value
    return response
