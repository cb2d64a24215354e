"""Every page speaks each offered language: no English left where the catalogue translates it.

Every GET route of the access matrix is rendered in each offered language, as the first role
(in ``ORDER``) that sees the page in English; its visible text (text nodes and the attributes
people read: ``title``, ``aria-label``, ``placeholder``, ``alt``) is compared with the
catalogue. A text that equals an English message which the catalogue translates differently
means the page bypassed translation: an unmarked string, a translation made at import time, a
label cached in another language. Elements marked with their own ``lang`` (the language
switcher names each language in itself) are skipped, and so are the programme's own data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import translation

from tests.test_access_matrix import CHECKED, VARIANT_ROUTES, request, route_of, visit

OUR_APPS = {"collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup"}
ORDER = ("partner", "admin", "facilitator", "expert", "cci", "avm", "other_partner", "anonymous")
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@cache
def english_messages(language: str) -> frozenset[str]:
    """English messages that ``language`` translates differently, as they show on a page."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    found = set()
    catalogue = polib.pofile(str(path))
    # A word can be English and this language at once (German "Programme" is "Programmes";
    # Croatian allauth says "E-mail"): every translation any catalogue gives is this language.
    with translation.override(language):
        merged = translation.trans_real.translation(language)._catalog
        translations = {" ".join(str(text).split()) for _key, text in merged.items()}
    for entry in catalogue:
        text = " ".join(entry.msgid.split())
        if (
            entry.translated()
            and not entry.msgid_plural
            and entry.msgstr.strip() != entry.msgid.strip()
            and not re.search(r"[%{}<>]", text)
            and len(text) >= 4
        ):
            found.add(text)
    return frozenset(found - translations)


class _Texts(HTMLParser):
    """The page's visible texts and read attributes, outside elements with their own lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in SKIPPED_ELEMENTS or (tag != "html" and "lang" in attributes)
        if not self.skipping and not skipped:
            self.texts += [v for k, v in attributes.items() if k in READ_ATTRIBUTES and v]
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self.texts += [v for k, v in dict(attrs).items() if k in READ_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def english_on(html: str, language: str, data: frozenset[str]) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    messages = english_messages(language) - data
    return {text for raw in parser.texts if (text := " ".join(raw.split())) in messages}


def _strings(value):
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stored_texts() -> frozenset[str]:
    """Every text the world's rows hold: the programme's own data (a party's role, a survey's
    questions, an agreement's goals) is written once, in the language of whoever wrote it, and
    a page shows it as it is, whatever language the reader chose."""
    found: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            for row in model.objects.values_list(*fields):
                for value in row:
                    found.update(_strings(value))
    return frozenset(found)


def pages(world, client) -> list[tuple[str, str]]:
    """(path, role) per GET route: the first role in ORDER that sees a page."""
    chosen = []
    for key in [*CHECKED, *VARIANT_ROUTES]:
        path = route_of(key).url(world)
        for role in ORDER:
            answer = visit(world, client, path, role)
            if answer.error is None and answer.status_code == 200 and answer.page:
                chosen.append((path, role))
                break
    return chosen


# Texts that Django's own templates write untranslated (django/contrib/admin/templates/admin/
# search_form.html: ``alt="Search"``) and third-party models' undeclared names (allauth's MFA
# authenticator "type"): not ours to translate.
# django-auditlog's "resource type" filter lists models by their code name ("agreement"), which
# is an identifier, not a word of ours.
NOT_OURS = {
    "/admin/auditlog/": {"Search", "Type", *(m._meta.model_name for m in apps.get_models())},
    "/admin/": {"Search", "Type"},
}


def checked_in(language: str, chosen: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Our pages in every language; the Django admin's ~150 per-model pages (one chrome, the
    model and field names tests/collider/test_verbose_names.py checks) spread over them."""
    index = LANGUAGES.index(language)
    admin = [page for page in chosen if page[0].startswith("/admin/")]
    ours = [page for page in chosen if not page[0].startswith("/admin/")]
    return ours + admin[index :: len(LANGUAGES)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_the_language_chosen(world, db, language):
    client = Client()
    chosen = pages(world, client)
    assert len(chosen) > 150, "the crawl found too few pages to mean anything"
    chosen = checked_in(language, chosen)
    data = stored_texts()
    english = defaultdict(set)
    for path, role in chosen:
        answer = request(world, client, "GET", path, role, language=language)
        html = answer.html()
        assert f'<html lang="{language}"' in html, f"{path} is not served in {language}"
        exempt = next((texts for prefix, texts in NOT_OURS.items() if path.startswith(prefix)), ())
        if found := english_on(html, language, data) - set(exempt):
            english[f"{path} ({role})"] = found
    by_text = defaultdict(list)
    for page, found in english.items():
        for text in found:
            by_text[text].append(page)
    report = [
        f"{text!r} on {len(where)} page(s), e.g. {', '.join(sorted(where)[:2])}"
        for text, where in sorted(by_text.items(), key=lambda item: -len(item[1]))
    ]
    assert not report, f"English left in {language}:\n" + "\n".join(report)
