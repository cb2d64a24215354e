"""Formula injection: every CSV/XLSX the platform writes goes through the one writer.

Every free-text column of every record is overwritten with a value a spreadsheet program would
run as a formula; then every registered list, the contact database, the checklist responses and
the network report are downloaded and read back with the csv module and openpyxl. No text cell may
start with a formula character: the writer prefixes it with an apostrophe.
"""

import csv
import io
import itertools

import openpyxl
import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from collider import exports
from outreach.models import Checklist
from tests.factories import UserFactory
from tests.followup.factories import ReportingPeriodFactory
from tests.tandems.factories import ContactFactory

from . import records

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OUR_APPS = ("collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup")
# Fields the rows are found by, or that must stay valid for the pages to work.
KEEP = {"password", "username", "slug", "token", "uid", "key", "dedupe_key", "calendar_token"}


def _plant_everywhere() -> int:
    """Overwrite every free-text column of every row of our apps; return the columns touched."""
    payloads = itertools.cycle(PAYLOADS)
    touched = 0
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model._meta.proxy:
            continue
        values = {}
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.CharField | models.TextField)
                and not field.choices
                and not field.unique
                and field.name not in KEEP
                and (field.max_length or 100) >= 40
            ):
                # The row's id keeps values distinct where a constraint wants them unique.
                values[field.attname] = Concat(
                    Value(next(payloads) + " "), Cast("pk", output_field=models.CharField())
                )
        if values:
            touched += len(values)
            model._base_manager.update(**values)
    return touched


def _cells_csv(body: bytes) -> list:
    return [c for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for c in row]


def _cells_xlsx(body: bytes) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def _report(name: str, csv_body: bytes, xlsx_body: bytes | None) -> tuple[list, int]:
    """(cells that a spreadsheet would run, neutralised payload cells) of one download."""
    texts = [(name, "csv", c) for c in _cells_csv(csv_body)]
    if xlsx_body is not None:
        for cell in _cells_xlsx(xlsx_body):
            if cell.data_type == "f":  # a formula cell, whatever its text
                texts.append((name, "xlsx-formula", str(cell.value)))
            elif isinstance(cell.value, str):
                texts.append((name, "xlsx", cell.value))
    runnable = [t for t in texts if t[2].startswith(FORMULA_START)]
    neutralised = sum(1 for t in texts if t[2].startswith(tuple("'" + p for p in PAYLOADS)))
    return runnable, neutralised


def test_planted_formulas_come_out_neutralised_in_every_exported_file(client, programme, partner):
    records.build(programme)
    ReportingPeriodFactory(programme=programme)
    ContactFactory(programme=programme, phone="+43 660 1234567")
    assert _plant_everywhere() > 50
    client.force_login(partner)

    downloads = {}
    for dataset in exports.export_definitions():
        downloads[dataset.key] = [
            client.get(
                reverse(
                    "collider:export",
                    kwargs={"slug": programme.slug, "key": dataset.key, "fmt": fmt},
                )
            ).content
            for fmt in ("csv", "xlsx")
        ]
    downloads["contacts"] = [
        client.get(reverse("tandems:contact_export", args=[programme.slug, fmt])).content
        for fmt in ("csv", "xlsx")
    ]
    checklist = Checklist.objects.get(programme=programme)
    downloads["checklist_responses_csv"] = [
        client.get(
            reverse("outreach:checklist_export", args=[programme.slug, checklist.pk])
        ).content,
        None,
    ]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    downloads["network"] = [client.get(reverse("collider:network_csv")).content, None]

    runnable, planted = [], {}
    for name, (csv_body, xlsx_body) in downloads.items():
        bad, neutralised = _report(name, csv_body, xlsx_body)
        runnable += bad
        planted[name] = neutralised > 0

    assert runnable == []
    # Every download really carried planted values (so the first assertion tested something).
    assert [name for name, seen in planted.items() if not seen] == []
