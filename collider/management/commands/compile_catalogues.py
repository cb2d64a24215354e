"""Compile every ``.po`` catalogue in ``LOCALE_PATHS`` to the ``.mo`` file Django reads.

The compiled files are committed, so a fresh clone, ``make run`` and the Docker image speak
every language without GNU gettext installed. ``--check`` writes nothing and fails when a
committed ``.mo`` differs from what its ``.po`` compiles to (CI runs it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    found: list[Path] = []
    for base in settings.LOCALE_PATHS:
        found += sorted(Path(base).glob("*/LC_MESSAGES/*.po"))
    return found


def compiled(po: Path) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.mo"
        polib.pofile(str(po)).save_as_mofile(str(target))
        return target.read_bytes()


class Command(BaseCommand):
    help = "Compile the .po catalogues to .mo (no GNU gettext needed); --check compares only."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail on a stale .mo")

    def handle(self, *args, check=False, **options):
        stale = []
        for po in catalogues():
            mo = po.with_suffix(".mo")
            content = compiled(po)
            if mo.exists() and mo.read_bytes() == content:
                continue
            if check:
                stale.append(str(mo))
                continue
            mo.write_bytes(content)
            self.stdout.write(f"compiled {mo}")
        if stale:
            raise CommandError(
                "Compiled catalogues are out of date (run manage.py compile_catalogues): "
                + ", ".join(stale)
            )
