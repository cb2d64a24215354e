"""The one upload validator (extension + content + size) and the one helper serving uploads."""

import importlib
import inspect
import io
from pathlib import Path

import openpyxl
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory

from challenges.models import IdeaAttachment
from collider.uploads import MB, UploadField, UploadRule, read_upload, serve_upload, validate_upload

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program"
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # magic bytes only: not a decodable picture
EVERYTHING = UploadRule(kinds=("pdf", "png", "jpeg", "csv", "xlsx", "txt"), max_bytes=5 * MB)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(out, format="PNG")
    return out.getvalue()


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "value"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _check(name: str, content: bytes, rule: UploadRule = EVERYTHING) -> str:
    try:
        return validate_upload(SimpleUploadedFile(name, content), rule)
    except ValidationError as error:
        return error.messages[0]


def test_validator_accepts_files_whose_content_matches_their_name():
    assert [
        _check("plan.pdf", PDF),
        _check("photo.png", _png()),
        _check("figures.xlsx", _xlsx()),
        _check("contacts.csv", "name,city\nJürgen,Graz\n".encode()),
        _check("notes.txt", b"plain words"),
    ] == [
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
        "text/plain",
    ]


def test_validator_refuses_renamed_wrong_and_empty_files_with_a_message():
    assert [
        _check("evidence.pdf", EXE),
        _check("evidence.csv", EXE),
        _check("photo.png", PNG_HEADER),
        _check("photo.pdf", _png()),
        _check("tool.exe", EXE),
        _check("empty.pdf", b""),
        _check("big.pdf", PDF + b"0" * (5 * MB)),
    ] == [
        "The file's content is not a PDF file.",
        "The file's content is not a CSV file.",
        "The file's content is not a PNG file.",
        "The file's content is not a PDF file.",
        "Upload one of these file types: PDF, PNG, JPEG, CSV, XLSX, TXT.",
        "The file is empty.",
        "The file is 5.0 MB; the limit is 5 MB.",
    ]


OUR_APPS = ("collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup")


def _form_classes():
    for app in OUR_APPS:
        folder = Path(apps.get_app_config(app).path)
        # Forms of sub-features live in their sub-package (``followup/stories/forms.py``).
        for path in sorted(folder.rglob("*forms*.py")):
            dotted = ".".join(path.relative_to(folder).with_suffix("").parts)
            module = importlib.import_module(f"{app}.{dotted}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_file_field_of_every_form_is_checked_by_the_one_validator():
    file_fields = {
        f"{cls.__module__}.{cls.__name__}.{name}": type(field).__name__
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.FileField)
    }

    assert len(file_fields) >= 9
    assert {key: kind for key, kind in file_fields.items() if kind != UploadField.__name__} == {}


@pytest.mark.django_db
def test_serve_upload_streams_the_file_or_answers_404_with_a_message_when_it_is_missing():
    name = default_storage.save("tests/served.pdf", ContentFile(PDF))
    field = FieldFile(IdeaAttachment(), IdeaAttachment._meta.get_field("file"), name)
    request = RequestFactory().get("/")

    served = serve_upload(request, field, content_type="application/pdf", filename="a.pdf")
    body = b"".join(served.streaming_content)
    served.close()  # as the server does after sending it
    default_storage.delete(name)
    missing = serve_upload(request, field, content_type="application/pdf", filename="a.pdf")

    assert (served.status_code, body, served["Content-Disposition"]) == (
        200,
        PDF,
        'attachment; filename="a.pdf"',
    )
    assert missing.status_code == 404
    assert "This file is missing on the server" in missing.content.decode()
    assert read_upload(field) is None
