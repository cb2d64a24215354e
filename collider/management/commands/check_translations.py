"""Fail when an offered language's catalogue is incomplete or a translation breaks its message.

Every language in ``settings.LANGUAGES`` other than the source language must have a catalogue in
``LOCALE_PATHS`` in which every message is translated, none is fuzzy, and each translation keeps
its message's placeholders (``%(name)s``, ``%s``, ``{name}``) and HTML tags. CI runs it after
``makemessages``, so a new string without translations fails the build.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# %(name)s, %s, %d, %.1f …  (%% is a literal percent sign, not a placeholder)
PERCENT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx]")
BRACE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}(?!\})")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def placeholders(text: str, *, brace: bool) -> Counter:
    found = Counter(PERCENT.findall(text.replace("%%", "")))
    if brace:
        found.update(BRACE.findall(text))
    return found


def tags(text: str) -> Counter:
    return Counter(name.lower() for name in TAG.findall(text))


def catalogue_path(language: str, domain: str) -> Path | None:
    for base in settings.LOCALE_PATHS:
        path = Path(base) / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            return path
    return None


def nplurals(catalogue: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def problems(catalogue: polib.POFile) -> list[str]:
    """Everything wrong with one catalogue, one line each."""
    found = []
    forms = nplurals(catalogue)
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{entry.occurrences[0][0]}:{entry.occurrences[0][1]}" if entry.occurrences else ""
        name = f"{entry.msgid[:60]!r} ({where})"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {name}")
            continue
        brace = "python-brace-format" in entry.flags
        if entry.msgid_plural:
            translations = [entry.msgstr_plural.get(i, "") for i in range(forms)]
            if not all(translations):
                found.append(f"untranslated (plural forms {forms}): {name}")
                continue
            singular = placeholders(entry.msgid, brace=brace)
            plural = placeholders(entry.msgid_plural, brace=brace)
            for index, text in enumerate(translations):
                got = placeholders(text, brace=brace)
                # Languages with two forms use form 0 for exactly one, which may omit the number.
                allowed = [plural, singular] if index == 0 and forms <= 2 else [plural]
                if set(got) not in [set(a) for a in allowed]:
                    found.append(f"placeholders differ in plural form {index}: {name}")
            continue
        if not entry.msgstr:
            found.append(f"untranslated: {name}")
            continue
        if set(placeholders(entry.msgstr, brace=brace)) != set(
            placeholders(entry.msgid, brace=brace)
        ):
            found.append(f"placeholders differ: {name} → {entry.msgstr[:60]!r}")
        if tags(entry.msgstr) != tags(entry.msgid):
            found.append(f"HTML tags differ: {name} → {entry.msgstr[:60]!r}")
    return found


class Command(BaseCommand):
    help = "Check that every offered language has a complete, well-formed catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--domain", action="append", help="default: django")
        parser.add_argument("--language", action="append", help="default: every offered one")
        parser.add_argument("--limit", type=int, default=20, help="problems shown per catalogue")

    def handle(self, *args, domain=None, language=None, limit=20, **options):
        source = settings.LANGUAGE_CODE
        languages = language or [code for code, _name in settings.LANGUAGES if code != source]
        failed = False
        for code in languages:
            for name in domain or ["django"]:
                path = catalogue_path(code, name)
                if path is None:
                    self.stderr.write(f"{code}: no {name}.po in LOCALE_PATHS")
                    failed = True
                    continue
                catalogue = polib.pofile(str(path))
                wrong = problems(catalogue)
                total = len([e for e in catalogue if not e.obsolete])
                status = "ok" if not wrong else f"{len(wrong)} problems"
                self.stdout.write(f"{code} {name}: {total} messages, {status}")
                for line in wrong[:limit]:
                    self.stdout.write(f"  {line}")
                if len(wrong) > limit:
                    self.stdout.write(f"  … and {len(wrong) - limit} more")
                failed |= bool(wrong)
        if failed:
            raise CommandError("Some offered languages have incomplete or broken catalogues.")
